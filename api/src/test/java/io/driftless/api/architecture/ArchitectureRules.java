package io.driftless.api.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;

/**
 * The layering of docs/architecture.md as rules: the API talks to the engine's ports and only its
 * composition root names the storage module; SQL stays in storage; the engine stays framework-free.
 */
final class ArchitectureRules {
  /**
   * The classes that may name the storage module: the composition root and the two configuration
   * sections that build the storage's own settings (database, retention).
   */
  static final String[] COMPOSITION_ROOT = {
    "io.driftless.api.DriftlessContext",
    "io.driftless.api.config.DatabaseConfig",
    "io.driftless.api.config.RetentionConfig"
  };

  /** Outside storage, only Quartz's own tables are reached with JDBC: its job store and queue. */
  static final String[] QUARTZ_JDBC = {
    "io.driftless.scheduler.DataSourceConnectionProvider", "io.driftless.scheduler.QuartzTables"
  };

  static final ArchRule API_TALKS_TO_PORTS =
      noClasses()
          .that()
          .resideInAPackage("io.driftless.api..")
          .and(not(namedOrNestedIn(COMPOSITION_ROOT)))
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.driftless.storage..")
          .because("the API sees the engine's ports; only the composition root wires storage");

  static final ArchRule SQL_ONLY_IN_STORAGE =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.driftless.storage..")
          .and(not(namedOrNestedIn(QUARTZ_JDBC)))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.jdbi..", "java.sql..")
          .because("all SQL lives in the storage module (docs/storage.md)");

  static final ArchRule ENGINE_IS_FRAMEWORK_FREE =
      noClasses()
          .that()
          .resideInAPackage("io.driftless.engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.dropwizard..",
              "org.glassfish.jersey..",
              "jakarta.ws.rs..",
              "org.jdbi..",
              "com.fasterxml.jackson..",
              "org.quartz..")
          .because("the engine is the framework-free core every module builds on");

  private ArchitectureRules() {}

  /** One of {@code names}, or a class nested in one (an enum, an anonymous class). */
  private static DescribedPredicate<JavaClass> namedOrNestedIn(String... names) {
    return DescribedPredicate.describe(
        "named " + String.join(" or ", names),
        c ->
            Arrays.stream(names)
                .anyMatch(n -> c.getName().equals(n) || c.getName().startsWith(n + "$")));
  }

  /** Leaves out test classes, also those that come in a dependency's test-jar. */
  static final class MainClassesOnly implements ImportOption {
    private final ImportOption tests = new ImportOption.DoNotIncludeTests();

    @Override
    public boolean includes(Location location) {
      return tests.includes(location) && !location.contains("-tests.jar");
    }
  }
}
