package io.driftless.api.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.driftless.api.DriftlessContext;
import io.driftless.api.service.EnvironmentActions;
import io.driftless.engine.architecture.JacksonReadingPlanner;
import io.driftless.scheduler.QuartzTables;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules can fail: each finds the deliberately wrong class it is about, and only that. */
class ArchitectureRulesTest {
  private final JavaClasses wrong =
      new ClassFileImporter()
          .importClasses(StorageReachingService.class, JacksonReadingPlanner.class);

  @Test
  void anApiClassThatHoldsAStorageClassIsAViolation() {
    assertThat(violations(ArchitectureRules.API_TALKS_TO_PORTS))
        .anyMatch(
            d -> d.contains(StorageReachingService.class.getName()) && d.contains("RunRepository"));
  }

  @Test
  void sqlOutsideStorageIsAViolation() {
    assertThat(violations(ArchitectureRules.SQL_ONLY_IN_STORAGE))
        .anyMatch(
            d -> d.contains(StorageReachingService.class.getName()) && d.contains("java.sql"));
  }

  @Test
  void anEngineClassThatImportsJacksonIsAViolation() {
    assertThat(violations(ArchitectureRules.ENGINE_IS_FRAMEWORK_FREE))
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

  /** What {@code rule} finds wrong in the deliberately bad classes; fails unless it finds some. */
  private List<String> violations(ArchRule rule) {
    EvaluationResult result = rule.evaluate(wrong);
    assertThat(result.hasViolation()).isTrue();
    return result.getFailureReport().getDetails();
  }
}
