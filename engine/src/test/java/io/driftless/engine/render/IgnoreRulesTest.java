package io.driftless.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreRulesTest {

  @Test
  void lastMatchWinsAndNegationReincludes() {
    assertIgnored(
        "# comment\n\n*.md\n!KEEP.md\nbuild/\n",
        List.of("README.md", "docs/x.md", "KEEP.md", "build/out.txt", "nginx.conf"),
        "README.md",
        "docs/x.md",
        "build/out.txt");
  }

  @Test
  void windowsLineEndingsEscapedHashAndCharacterClasses() {
    assertIgnored(
        "\\#notes\r\n*.sw[op]\r\nlog[0-9].txt\r\n",
        List.of("#notes", "a.swp", "a.swx", "log7.txt", "logs.txt"),
        "#notes",
        "a.swp",
        "log7.txt");
  }

  /** Of {@code paths}, the rules in {@code ignoreFile} ignore exactly {@code ignored}. */
  private static void assertIgnored(String ignoreFile, List<String> paths, String... ignored) {
    assertThat(paths).filteredOn(IgnoreRules.parse(ignoreFile)::ignores).containsExactly(ignored);
  }

  @Test
  void aLoneBangIsAnErrorWithItsLine() {
    assertThatThrownBy(() -> IgnoreRules.parse("a\n!\n"))
        .isInstanceOf(RenderException.class)
        .hasMessage(".driftlessignore:2: '!' must be followed by a pattern");
  }

  @Test
  void anInvalidPatternIsAnErrorWithItsLine() {
    assertThatThrownBy(() -> IgnoreRules.parse("a\n# c\n[[:nope:]]\n"))
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith(
            ".driftlessignore:3: invalid pattern '[[:nope:]]': unknown character class");
  }

  @Test
  void aFileLongerThanTheLimitIsRefused() {
    String fits = "a\n".repeat(IgnoreRules.MAX_LENGTH / 2);
    assertThat(IgnoreRules.parse(fits).ignores("a")).isTrue();
    assertThatThrownBy(() -> IgnoreRules.parse(fits + "b"))
        .isInstanceOf(RenderException.class)
        .hasMessage(".driftlessignore: is 65537 characters long; at most 65536 are allowed");
  }

  @Test
  void thePathologicalLineOfIssue18ReturnsAtOnce() {
    IgnoreRules rules = IgnoreRules.parse("a**a**a**a**a**a**a**a**a**a**b\n");
    long start = System.nanoTime();
    assertThat(rules.ignores("a".repeat(50))).isFalse();
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }
}
