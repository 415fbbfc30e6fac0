package io.campaignrelay.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.CustomerId;
import io.campaignrelay.delivyr.DelivyrClient;
import io.campaignrelay.jdbc.JdbcStore;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.phonenumber.LibPhoneNumberParser;
import io.campaignrelay.spring.CampaignRelayAutoConfiguration;
import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.textlocal.TextLocalClient;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The module names a host on the module path sees: sdk-core's descriptor (module-info) exports
 * every package but {@code .implementation}, sdk-phonenumber's and sdk-testkit's their root
 * package; every other library jar carries its Automatic-Module-Name, the module's root package.
 */
class ModuleNamesTest {

  /** A class of each published library module, and the module name its jar must carry. */
  private static final Map<Class<?>, String> LIBRARIES =
      Map.of(
          CustomerId.class, "io.campaignrelay.core",
          LibPhoneNumberParser.class, "io.campaignrelay.phonenumber",
          JdbcStore.class, "io.campaignrelay.jdbc",
          OptimoveClient.class, "io.campaignrelay.optimove",
          TextLocalClient.class, "io.campaignrelay.textlocal",
          DelivyrClient.class, "io.campaignrelay.delivyr",
          FakeDelivyr.class, "io.campaignrelay.testkit",
          CampaignRelayAutoConfiguration.class, "io.campaignrelay.spring");

  /** The modules that ship a module-info; the others are automatic modules. */
  private static final Set<String> DESCRIPTORS =
      Set.of("io.campaignrelay.core", "io.campaignrelay.phonenumber", "io.campaignrelay.testkit");

  /** The jars (by file name) sdk-core and sdk-phonenumber need on a module path. */
  private static final List<String> CORE_DEPENDENCIES =
      List.of(
          "okhttp-jvm-",
          "okio-jvm-",
          "kotlin-stdlib-",
          "annotations-",
          "retrofit-",
          "converter-jackson-",
          "jackson-core-",
          "jackson-databind-",
          "jackson-annotations-",
          "jackson-datatype-jsr310-",
          "slf4j-api-",
          "libphonenumber-",
          "mockwebserver3-");

  @Test
  void coreDescriptorExportsEveryPackageButImplementation() throws Exception {
    Path classes = location(CustomerId.class);
    ModuleDescriptor core;
    try (InputStream in = moduleInfo(classes)) {
      core = ModuleDescriptor.read(in, () -> packagesOf(classes));
    }
    assertThat(core.name()).isEqualTo("io.campaignrelay.core");
    for (ModuleDescriptor.Exports e : core.exports()) {
      assertThat(e.isQualified()).as(e.source()).isFalse();
    }
    Set<String> exported =
        core.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    Set<String> expected =
        core.packages().stream()
            .filter(p -> !p.endsWith(".implementation"))
            .collect(Collectors.toSet());
    assertThat(exported)
        .isEqualTo(expected)
        .contains("io.campaignrelay.core.http.spi")
        .doesNotContain("io.campaignrelay.core.implementation");
  }

  @Test
  void descriptorModulesResolveAndLoadOnTheModulePathWithTheirDependencies() throws Exception {
    List<Path> path = new ArrayList<>();
    path.add(location(CustomerId.class));
    path.add(location(LibPhoneNumberParser.class));
    path.add(location(FakeDelivyr.class));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String file = Path.of(entry).getFileName().toString();
      if (file.endsWith(".jar") && CORE_DEPENDENCIES.stream().anyMatch(file::startsWith)) {
        path.add(Path.of(entry));
      }
    }
    Configuration graph =
        ModuleLayer.boot()
            .configuration()
            .resolve(ModuleFinder.of(path.toArray(new Path[0])), ModuleFinder.of(), DESCRIPTORS);
    ModuleLayer layer =
        ModuleLayer.boot().defineModulesWithOneLoader(graph, ClassLoader.getPlatformClassLoader());
    Module core = layer.findModule("io.campaignrelay.core").orElseThrow();
    assertThat(core.isExported("io.campaignrelay.core.http")).isTrue();
    assertThat(core.isExported("io.campaignrelay.core.http.spi")).isTrue();
    assertThat(core.isExported("io.campaignrelay.core.implementation")).isFalse();
    ClassLoader loader = layer.findLoader("io.campaignrelay.core");
    // Initialising these runs their static set-up against OkHttp, Retrofit, Jackson and SLF4J as
    // modules: a missing requires fails here, not in a host's application.
    Class<?> options = Class.forName("io.campaignrelay.core.http.ClientOptions", true, loader);
    Object defaults = options.getMethod("defaults").invoke(null);
    assertThat(defaults.getClass().getModule()).isSameAs(core);
    Class.forName("io.campaignrelay.core.http.spi.HttpPipeline", true, loader);

    Module phone = layer.findModule("io.campaignrelay.phonenumber").orElseThrow();
    assertThat(phone.getDescriptor().exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("io.campaignrelay.phonenumber");
    Class<?> parser =
        Class.forName(
            "io.campaignrelay.phonenumber.LibPhoneNumberParser",
            true,
            layer.findLoader("io.campaignrelay.phonenumber"));
    assertThat(parser.getModule()).isSameAs(phone);
    // libphonenumber reads its numbering-plan metadata from its own jar: it must still find it.
    Object uk = parser.getMethod("forRegion", String.class).invoke(null, "GB");
    Object number = parser.getMethod("parse", String.class).invoke(uk, "07400 123456");
    assertThat(number).hasToString("+447400123456");

    Module testkit = layer.findModule("io.campaignrelay.testkit").orElseThrow();
    assertThat(testkit.getDescriptor().exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("io.campaignrelay.testkit");
    Class<?> fake =
        Class.forName(
            "io.campaignrelay.testkit.FakeDelivyr",
            true,
            layer.findLoader("io.campaignrelay.testkit"));
    assertThat(fake.getModule()).isSameAs(testkit);
  }

  @Test
  void everyLibraryJarCarriesItsModuleName() throws Exception {
    for (Map.Entry<Class<?>, String> e : LIBRARIES.entrySet()) {
      Path jar = jarOf(e.getKey());
      Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
      assertThat(found).as(jar.toString()).hasSize(1);
      ModuleDescriptor d = found.iterator().next().descriptor();
      assertThat(d.name()).as(jar.toString()).isEqualTo(e.getValue());
      if (DESCRIPTORS.contains(d.name())) {
        assertThat(d.isAutomatic()).as(jar.toString()).isFalse();
      } else {
        assertThat(d.isAutomatic()).as(jar.toString()).isTrue();
        try (JarFile file = new JarFile(jar.toFile())) {
          assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
              .as(jar.toString())
              .isEqualTo(e.getValue());
        }
      }
    }
  }

  /** The module's jar; aborts the test where the reactor resolved it to target/classes. */
  private static Path jarOf(Class<?> type) throws URISyntaxException, IOException {
    Path location = location(type);
    if (!Files.isDirectory(location)) {
      return location;
    }
    Optional<Path> jar;
    try (Stream<Path> files = Files.list(location.getParent())) {
      jar =
          files
              .filter(p -> p.getFileName().toString().endsWith(".jar"))
              .filter(p -> !p.getFileName().toString().matches(".*-(sources|javadoc|tests)\\.jar"))
              .findFirst();
    }
    Assumptions.assumeTrue(jar.isPresent(), "no jar beside " + location + ": run mvn verify");
    Assumptions.assumeTrue(
        Files.getLastModifiedTime(jar.get()).compareTo(newest(location)) >= 0,
        jar.get() + " is older than " + location + ": run mvn verify");
    return jar.orElseThrow();
  }

  private static FileTime newest(Path classes) throws IOException {
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .filter(Files::isRegularFile)
          .map(
              p -> {
                try {
                  return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .max(FileTime::compareTo)
          .orElse(FileTime.fromMillis(0));
    }
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static InputStream moduleInfo(Path classes) throws IOException {
    if (Files.isDirectory(classes)) {
      return Files.newInputStream(classes.resolve("module-info.class"));
    }
    JarFile jar = new JarFile(classes.toFile());
    InputStream entry = jar.getInputStream(jar.getEntry("module-info.class"));
    return new FilterInputStream(entry) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          jar.close();
        }
      }
    };
  }

  private static Set<String> packagesOf(Path classes) {
    try {
      if (Files.isDirectory(classes)) {
        try (Stream<Path> files = Files.walk(classes)) {
          return files
              .filter(p -> p.toString().endsWith(".class"))
              .map(p -> classes.relativize(p.getParent()).toString().replace('/', '.'))
              .filter(p -> !p.isEmpty())
              .collect(Collectors.toSet());
        }
      }
      try (JarFile jar = new JarFile(classes.toFile())) {
        return jar.stream()
            .map(e -> e.getName())
            .filter(n -> n.endsWith(".class") && n.contains("/") && !n.startsWith("META-INF/"))
            .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.'))
            .collect(Collectors.toSet());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
