package io.driftless.engine.glob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Patterns that make a backtracking matcher take exponential time return at once: each guard is a
 * second, against the minute the regular expression this replaced took on the first case.
 */
class GlobWorstCaseTest {
  private static final Duration GUARD = Duration.ofSeconds(1);

  @Test
  void elevenSegmentPatternOnFiftyCharacterName() {
    // The .driftlessignore line of issue 18, beside a file named with 50 'a's.
    Glob glob = Glob.compile("a**a**a**a**a**a**a**a**a**a**b");
    String name = "a".repeat(50);
    boolean matched = assertTimeoutPreemptively(GUARD, () -> glob.matches(name));
    assertThat(matched).isFalse();
    assertThat(glob.matches(name + "b")).isTrue();
    assertThat(glob.matches("x/" + name + "/" + name + "b")).isTrue();
  }

  @Test
  void thirtyDoubleStarsOnAFourThousandCharacterPath() {
    Glob glob = Glob.compile("a**".repeat(30) + "b");
    String path = "a".repeat(4_000);
    assertThat(assertTimeoutPreemptively(GUARD, () -> glob.matches(path))).isFalse();
    assertThat(assertTimeoutPreemptively(GUARD, () -> glob.matches(path + "b"))).isTrue();
  }

  @Test
  void thirtyWholeSegmentDoubleStarsOnAFourThousandCharacterDeepPath() {
    Glob glob = Glob.compile("**/a/".repeat(30) + "b");
    String deep = "a/".repeat(2_000);
    assertThat(assertTimeoutPreemptively(GUARD, () -> glob.matches(deep + "c"))).isFalse();
    assertThat(assertTimeoutPreemptively(GUARD, () -> glob.matches(deep + "b"))).isTrue();
  }

  @Test
  void thirtyStarsWithinOneLongSegment() {
    Glob glob = Glob.compile("*a".repeat(30) + "*b");
    String name = "a".repeat(4_000);
    assertThat(assertTimeoutPreemptively(GUARD, () -> glob.matches(name))).isFalse();
    assertThat(assertTimeoutPreemptively(GUARD, () -> glob.matches("x/" + name + "b"))).isTrue();
  }

  @Test
  void theLongestPatternOnALongPathTenTimes() {
    // Cost grows with pattern length times path length, never faster: 4,095 x 4,400 steps.
    Glob glob = Glob.compile("*?".repeat(Glob.MAX_LENGTH / 2 - 2) + "[b]");
    String path = "a/".repeat(200) + "a".repeat(3_600);
    boolean matched =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> {
              boolean any = false;
              for (int i = 0; i < 10; i++) {
                any |= glob.matches(path);
              }
              return any;
            });
    assertThat(matched).isFalse();
  }
}
