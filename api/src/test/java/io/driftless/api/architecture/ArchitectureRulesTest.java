package io.driftless.api.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.driftless.api.DriftlessContext;
import io.driftless.api.service.EnvironmentActions;
import io.driftless.engine.architecture.JacksonReadingPlanner;
import io.driftless.scheduler.QuartzTables;
import org.junit.jupiter.api.Test;

/** The rules can fail: each finds the deliberately wrong class it is about, and only that. */
class ArchitectureRulesTest {
  private final JavaClasses wrong =
      new ClassFileImporter()
          .importClasses(StorageReachingService.class, JacksonReadingPlanner.class);

  @Test
  void anApiClassThatHoldsAStorageClassIsAViolation() {
    EvaluationResult result = ArchitectureRules.API_TALKS_TO_PORTS.evaluate(wrong);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(
            d -> d.contains(StorageReachingService.class.getName()) && d.contains("RunRepository"));
  }

  @Test
  void sqlOutsideStorageIsAViolation() {
    EvaluationResult result = ArchitectureRules.SQL_ONLY_IN_STORAGE.evaluate(wrong);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(
            d -> d.contains(StorageReachingService.class.getName()) && d.contains("java.sql"));
  }

  @Test
  void anEngineClassThatImportsJacksonIsAViolation() {
    EvaluationResult result = ArchitectureRules.ENGINE_IS_FRAMEWORK_FREE.evaluate(wrong);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .allMatch(d -> d.contains(JacksonReadingPlanner.class.getName()));
  }

  @Test
  void theCompositionRootAndQuartzTablesAreTheAllowedExceptions() {
    JavaClasses allowed =
        new ClassFileImporter()
            .importClasses(DriftlessContext.class, QuartzTables.class, EnvironmentActions.class);

    assertThat(ArchitectureRules.API_TALKS_TO_PORTS.evaluate(allowed).hasViolation()).isFalse();
    assertThat(ArchitectureRules.SQL_ONLY_IN_STORAGE.evaluate(allowed).hasViolation()).isFalse();
  }
}
