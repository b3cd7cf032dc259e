package io.driftless.api.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering rules on every main class of the modules the server is built from. */
@AnalyzeClasses(packages = "io.driftless", importOptions = ArchitectureRules.MainClassesOnly.class)
class ArchitectureTest {
  @ArchTest static final ArchRule apiTalksToPorts = ArchitectureRules.API_TALKS_TO_PORTS;

  @ArchTest static final ArchRule sqlOnlyInStorage = ArchitectureRules.SQL_ONLY_IN_STORAGE;

  @ArchTest
  static final ArchRule engineIsFrameworkFree = ArchitectureRules.ENGINE_IS_FRAMEWORK_FREE;
}
