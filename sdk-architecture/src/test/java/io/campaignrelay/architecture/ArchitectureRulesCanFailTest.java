package io.campaignrelay.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link ArchitectureRules}, run over the deliberately wrong classes under {@code
 * fixture}, reports the class that breaks it: a rule that cannot fail proves nothing.
 */
class ArchitectureRulesCanFailTest {

  private static final String FIXTURE = ArchitectureRules.ROOT + ".architecture.fixture";
  private static final ArchitectureRules RULES = ArchitectureRules.under(FIXTURE);

  private static JavaClasses fixture;

  @BeforeAll
  static void importFixture() {
    fixture = new ClassFileImporter().importPackages(FIXTURE);
  }

  @Test
  void aCoreClassNamedAfterAVendorIsReported() {
    assertViolatedBy(ArchitectureRules::coreClassesNameNoVendor, "core.OptimoveNamed");
  }

  @Test
  void aCoreMemberNamedAfterAVendorIsReported() {
    assertViolatedBy(ArchitectureRules::coreMembersNameNoVendor, "core.VendorMember.delivyrId()");
  }

  @Test
  void coreDependingOnAnotherModuleIsReported() {
    assertViolatedBy(ArchitectureRules::coreDependsOnNoOtherModule, "core.UsesVendorModule");
  }

  @Test
  void coreUsingJdbcOrFlywayIsReported() {
    String report =
        assertViolatedBy(ArchitectureRules::coreUsesNoFrameworkOrDatabase, "core.UsesDatabase");
    assertThat(report).contains("org.flywaydb.core.Flyway").contains("java.sql.Connection");
  }

  @Test
  void usingAnotherModulesImplementationIsReported() {
    assertViolatedBy(
        ArchitectureRules::noModuleUsesAnotherModulesImplementation,
        "delivyr.UsesOptimoveInternal");
  }

  @Test
  void aHostUsingTheHttpSpiIsReported() {
    assertViolatedBy(ArchitectureRules::onlyVendorModulesUseHttpSpi, "examples.UsesSpi");
  }

  @Test
  void aModelShowingAnImplementationClassIsReported() {
    assertViolatedBy(
        ArchitectureRules::apiExposesNoImplementation, "optimove.models.ExposesInternal");
  }

  @Test
  void aVendorApiShowingTheHttpSpiIsReported() {
    assertViolatedBy(ArchitectureRules::hostApiExposesNoHttpSpi, "textlocal.ExposesSpi");
  }

  @Test
  void aPackageCycleInsideAModuleIsReported() {
    String report = assertViolatedBy(ArchitectureRules::noPackageCycles, "textlocal.a.First");
    assertThat(report).contains("textlocal.b.Second");
  }

  @Test
  void aModuleCycleIsReported() {
    String report = assertViolatedBy(ArchitectureRules::noModuleCycles, "optimove.UsesDelivyr");
    assertThat(report).contains("delivyr.UsesOptimove");
  }

  @Test
  void springOutsideTheStarterIsReported() {
    assertViolatedBy(ArchitectureRules::onlyTheStarterUsesSpring, "phonenumber.UsesSpring");
  }

  @Test
  void flywayOutsideJdbcIsReported() {
    assertViolatedBy(ArchitectureRules::onlyJdbcUsesDatabaseLibraries, "core.UsesDatabase");
  }

  @Test
  void jdbcOutsideJdbcAndTheStarterIsReported() {
    assertViolatedBy(ArchitectureRules::onlyJdbcAndTheStarterUseJdbc, "core.UsesDatabase");
  }

  private static String assertViolatedBy(
      Function<ArchitectureRules, ArchRule> rule, String wrongClass) {
    EvaluationResult result = rule.apply(RULES).evaluate(fixture);
    String report = result.getFailureReport().toString();
    assertThat(result.hasViolation()).as(report).isTrue();
    assertThat(report).contains(FIXTURE + "." + wrongClass);
    return report;
  }
}
