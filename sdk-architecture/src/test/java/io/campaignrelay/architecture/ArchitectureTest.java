package io.campaignrelay.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules of {@link ArchitectureRules} over the main classes of every module on this module's
 * test classpath (test classes, including this module's fixtures, are not imported).
 */
@AnalyzeClasses(
    packages = ArchitectureRules.ROOT,
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final ArchitectureRules RULES = ArchitectureRules.under(ArchitectureRules.ROOT);

  @ArchTest static final ArchRule coreClassesNameNoVendor = RULES.coreClassesNameNoVendor();

  @ArchTest static final ArchRule coreMembersNameNoVendor = RULES.coreMembersNameNoVendor();

  @ArchTest static final ArchRule coreDependsOnNoOtherModule = RULES.coreDependsOnNoOtherModule();

  @ArchTest
  static final ArchRule coreUsesNoFrameworkOrDatabase = RULES.coreUsesNoFrameworkOrDatabase();

  @ArchTest
  static final ArchRule noModuleUsesAnotherModulesImplementation =
      RULES.noModuleUsesAnotherModulesImplementation();

  @ArchTest static final ArchRule onlyVendorModulesUseHttpSpi = RULES.onlyVendorModulesUseHttpSpi();

  @ArchTest static final ArchRule apiExposesNoImplementation = RULES.apiExposesNoImplementation();

  @ArchTest static final ArchRule hostApiExposesNoHttpSpi = RULES.hostApiExposesNoHttpSpi();

  @ArchTest static final ArchRule noPackageCycles = RULES.noPackageCycles();

  @ArchTest static final ArchRule noModuleCycles = RULES.noModuleCycles();

  @ArchTest static final ArchRule onlyTheStarterUsesSpring = RULES.onlyTheStarterUsesSpring();

  @ArchTest
  static final ArchRule onlyJdbcUsesDatabaseLibraries = RULES.onlyJdbcUsesDatabaseLibraries();

  @ArchTest
  static final ArchRule onlyJdbcAndTheStarterUseJdbc = RULES.onlyJdbcAndTheStarterUseJdbc();
}
