package io.campaignrelay.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMembers;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The architecture rules of Campaign Relay, each built for a root package: {@code io.campaignrelay}
 * for the real modules, and a fixture root in the tests that prove each rule can fail. Under the
 * root, the first package segment names the module ({@code core}, {@code optimove}, {@code
 * textlocal}, {@code delivyr}, {@code phonenumber}, {@code jdbc}, {@code spring}, {@code testkit},
 * {@code examples}).
 */
final class ArchitectureRules {

  /** The real modules' root package. */
  static final String ROOT = "io.campaignrelay";

  /** The vendor modules, which alone (with sdk-core and sdk-testkit) use {@code core.http.spi}. */
  static final Set<String> VENDOR_MODULES = Set.of("optimove", "textlocal", "delivyr");

  private static final String VENDOR_NAME = "(?i).*(optimove|textlocal|delivyr).*";

  private static final String[] SPRING = {"org.springframework.."};

  private static final String[] DATABASE_LIBRARIES = {
    "org.flywaydb..", "com.github.kagkarlsson..", "org.h2..", "org.postgresql.."
  };

  private static final String[] JDBC_API = {"java.sql..", "javax.sql.."};

  private final String root;

  private ArchitectureRules(String root) {
    this.root = root;
  }

  /** The rules for the modules under {@code root}. */
  static ArchitectureRules under(String root) {
    return new ArchitectureRules(root);
  }

  private String module(String name) {
    return root + "." + name + "..";
  }

  /** sdk-core's classes (their packages and simple names) name no vendor. */
  ArchRule coreClassesNameNoVendor() {
    return noClasses()
        .that()
        .resideInAPackage(module("core"))
        .should()
        .haveNameMatching(VENDOR_NAME)
        .because("sdk-core is vendor-neutral: a vendor's name belongs in that vendor's module");
  }

  /** sdk-core's fields, methods and constructors name no vendor. */
  ArchRule coreMembersNameNoVendor() {
    return noMembers()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage(module("core"))
        .should()
        .haveNameMatching(VENDOR_NAME)
        .because("sdk-core is vendor-neutral: a vendor's name belongs in that vendor's module");
  }

  /** sdk-core depends on no other Campaign Relay module. */
  ArchRule coreDependsOnNoOtherModule() {
    return noClasses()
        .that()
        .resideInAPackage(module("core"))
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are in another Campaign Relay module",
                (JavaClass c) ->
                    !moduleOf(c.getPackageName()).isEmpty()
                        && !moduleOf(c.getPackageName()).equals("core")))
        .because("every module depends on sdk-core, never the other way round");
  }

  /** sdk-core uses no framework, JDBC, driver, Flyway or db-scheduler. */
  ArchRule coreUsesNoFrameworkOrDatabase() {
    return noClasses()
        .that()
        .resideInAPackage(module("core"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(concat(concat(SPRING, DATABASE_LIBRARIES), JDBC_API))
        .because(
            "sdk-core's ports have in-memory and file stores; frameworks live in their modules");
  }

  /** A module uses only its own {@code .implementation} packages. */
  ArchRule noModuleUsesAnotherModulesImplementation() {
    return ArchRuleDefinition.classes()
        .that()
        .resideInAPackage(root + "..")
        .should(
            new ArchCondition<JavaClass>("use only their own module's .implementation packages") {
              @Override
              public void check(JavaClass item, ConditionEvents events) {
                String from = moduleOf(item.getPackageName());
                for (Dependency d : item.getDirectDependenciesFromSelf()) {
                  JavaClass target = d.getTargetClass();
                  String pkg = target.getPackageName();
                  if (isImplementation(pkg)
                      && pkg.startsWith(root + ".")
                      && !moduleOf(pkg).equals(from)) {
                    events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                  }
                }
              }
            })
        .because(".implementation packages are internal to their module and change without notice");
  }

  /** Only sdk-core, the vendor modules and sdk-testkit use {@code core.http.spi}. */
  ArchRule onlyVendorModulesUseHttpSpi() {
    List<String> allowed = new ArrayList<>();
    allowed.add(module("core"));
    allowed.add(module("testkit"));
    VENDOR_MODULES.forEach(m -> allowed.add(module(m)));
    return noClasses()
        .that()
        .resideOutsideOfPackages(allowed.toArray(new String[0]))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(root + ".core.http.spi..")
        .because("core.http.spi is what vendor modules build clients with, not a host's API");
  }

  /** No public type outside {@code .implementation} shows an implementation class in its API. */
  ArchRule apiExposesNoImplementation() {
    return ArchRuleDefinition.classes()
        .that(isApi())
        .and()
        .resideOutsideOfPackage("..implementation..")
        .should(exposeNone(".implementation class", c -> isImplementation(c.getPackageName())))
        .because("a host compiles against root and .models types only");
  }

  /** No host-facing public type (outside core.http.spi) shows an SPI type in its API. */
  ArchRule hostApiExposesNoHttpSpi() {
    String spi = root + ".core.http.spi";
    return ArchRuleDefinition.classes()
        .that(isApi())
        .and()
        .resideOutsideOfPackages("..implementation..", spi + "..")
        .should(
            exposeNone(
                "core.http.spi class",
                c -> c.getPackageName().equals(spi) || c.getPackageName().startsWith(spi + ".")))
        .because("core.http.spi is for vendor modules; hosts configure clients through core.http");
  }

  /**
   * No package cycles, within a module or across modules, except the three known ones below (each
   * ignored class by class, so that any further dependency that closes a cycle still fails).
   */
  ArchRule noPackageCycles() {
    return slices()
        .matching(root + ".(**)")
        .namingSlices("package $1")
        .should()
        .beFreeOfCycles()
        // Known cycle 1 (issue 13): core.messagelog's LoggedMessage is built from and carries the
        // engine's value types, while the engine (CampaignExecutor) writes the MessageLog in TEST
        // mode. Breaking it moves public types between packages; until then only these three
        // value types may be named by core.messagelog.
        .ignoreDependency(
            JavaClass.Predicates.resideInAPackage(root + ".core.messagelog"),
            oneOf(
                root + ".core.execution.OutboundMessage",
                root + ".core.execution.DispatchResult",
                root + ".core.execution.IdempotencyKey"))
        // Known cycle 2 (issue 13): Optimove's models parse their wire dates through
        // implementation.OptimoveTimes and bind lenient lists with implementation.LenientStrings,
        // while the implementation maps wire rows into models. Only these two helpers are allowed.
        .ignoreDependency(
            JavaClass.Predicates.resideInAPackage(root + ".optimove.models"),
            oneOf(
                root + ".optimove.implementation.OptimoveTimes",
                root + ".optimove.implementation.LenientStrings"))
        // Known cycle 3 (issue 17): Delivyr's SendMessageRequest hands the batch writer a reader
        // of its optional fields as plain values (no Optional per read on the hot path) by
        // installing it into implementation.RequestFields when the class loads, while the
        // implementation writes and reads the models. Only that hand-over is allowed.
        .ignoreDependency(
            JavaClass.Predicates.resideInAPackage(root + ".delivyr.models"),
            oneOf(root + ".delivyr.implementation.RequestFields"))
        .because("a cycle makes two packages one, and the split between them a fiction");
  }

  /** No module cycles. */
  ArchRule noModuleCycles() {
    return slices()
        .matching(root + ".(*)..")
        .namingSlices("module $1")
        .should()
        .beFreeOfCycles()
        .because("modules depend on sdk-core and on each other in one direction only");
  }

  /** Only the Spring Boot starter uses Spring. */
  ArchRule onlyTheStarterUsesSpring() {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackage(module("spring"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(SPRING)
        .because("nothing below sdk-spring-boot-starter knows Spring");
  }

  /** Only sdk-jdbc uses Flyway, db-scheduler or a JDBC driver. */
  ArchRule onlyJdbcUsesDatabaseLibraries() {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackage(module("jdbc"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(DATABASE_LIBRARIES)
        .because("sdk-jdbc is the one optional module that brings a database");
  }

  /** Only sdk-jdbc and the starter (which hands the application's DataSource to it) use JDBC. */
  ArchRule onlyJdbcAndTheStarterUseJdbc() {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackages(module("jdbc"), module("spring"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(JDBC_API)
        .because("state on a database is sdk-jdbc's; the starter only passes it a DataSource");
  }

  /** Public classes under the root whose enclosing classes (if any) are public too. */
  private DescribedPredicate<JavaClass> isApi() {
    return DescribedPredicate.describe(
        "are public API under " + root,
        c -> {
          if (moduleOf(c.getPackageName()).isEmpty()) {
            return false;
          }
          for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
            if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
              return false;
            }
          }
          return true;
        });
  }

  /** The named classes and the classes nested in them. */
  private static DescribedPredicate<JavaClass> oneOf(String... names) {
    Set<String> all = Set.of(names);
    return DescribedPredicate.describe(
        "are one of " + all,
        c -> {
          String name = c.getName();
          int nested = name.indexOf('$');
          return all.contains(nested < 0 ? name : name.substring(0, nested));
        });
  }

  private String moduleOf(String packageName) {
    if (!packageName.startsWith(root + ".")) {
      return "";
    }
    String rest = packageName.substring(root.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static boolean isImplementation(String packageName) {
    return packageName.endsWith(".implementation") || packageName.contains(".implementation.");
  }

  private static ArchCondition<JavaClass> exposeNone(String what, Predicate<JavaClass> internal) {
    return new ArchCondition<JavaClass>("show no " + what + " in their public signatures") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        Set<String> found = new LinkedHashSet<>();
        Optional<JavaType> superclass = item.getSuperclass();
        superclass.ifPresent(t -> collect("extends", t.getAllInvolvedRawTypes(), internal, found));
        for (JavaType i : item.getInterfaces()) {
          collect("implements", i.getAllInvolvedRawTypes(), internal, found);
        }
        for (JavaCodeUnit unit : item.getCodeUnits()) {
          if (isVisible(unit.getModifiers())) {
            collect(unit.getFullName(), unit.getAllInvolvedRawTypes(), internal, found);
          }
        }
        for (JavaField field : item.getFields()) {
          if (isVisible(field.getModifiers())) {
            collect(field.getFullName(), field.getAllInvolvedRawTypes(), internal, found);
          }
        }
        for (String f : found) {
          events.add(
              SimpleConditionEvent.violated(item, item.getName() + " shows " + what + ": " + f));
        }
      }
    };
  }

  private static boolean isVisible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static void collect(
      String where, Set<JavaClass> types, Predicate<JavaClass> internal, Set<String> found) {
    for (JavaClass t : types) {
      JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
      if (internal.test(base)) {
        found.add(where + " -> " + base.getName());
      }
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
