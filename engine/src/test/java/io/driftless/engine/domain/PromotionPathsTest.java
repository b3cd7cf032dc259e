package io.driftless.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A promotion's paths: globs inside the environment's path, never out of it. */
class PromotionPathsTest {

  @Test
  void noPatternsMeansEveryFile() {
    Predicate<String> all = PromotionPaths.everything().matcher();
    assertThat(all).accepts("VERSION", "release/app.yaml", "deep/er/file");
    assertThat(new PromotionPaths(null).patterns()).isEmpty();
  }

  @Test
  void patternsReadAsGitignoreDoesWithExclusions() {
    Predicate<String> some =
        new PromotionPaths(List.of("VERSION", "release/**", "!release/prod-only.yaml")).matcher();

    assertThat(some).accepts("VERSION", "sub/VERSION", "release/app.yaml", "release/a/b.yaml");
    assertThat(some).rejects("values.yaml", "release/prod-only.yaml", "releases/x", "release");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"../secrets/**", "a/../../b", "/etc/passwd", "!/VERSION", "./VERSION", "..", " "})
  void aPatternThatLeavesThePathOrIsAbsoluteIsRefused(String pattern) {
    assertThatThrownBy(() -> new PromotionPaths(List.of("VERSION", pattern)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("promotion path");
  }

  @Test
  void onlyExclusionsAreRefused() {
    assertThatThrownBy(() -> new PromotionPaths(List.of("!values.yaml")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("every pattern is a '!' exclusion");
  }

  @Test
  void dotsInsideANameAreFine() {
    assertThat(new PromotionPaths(List.of("..hidden", "a..b/**", "*.yaml")).matcher())
        .accepts("..hidden", "a..b/c", "x.yaml");
  }
}
