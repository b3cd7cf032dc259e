package io.driftless.engine.glob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobSetTest {

  private static GlobSet rules(String... lines) {
    return GlobSet.of(List.of(lines).stream().map(GlobSet.Rule::parse).toList());
  }

  @Test
  void theLastMatchingRuleDecides() {
    GlobSet set = rules("*.md", "!KEEP.md", "docs/", "!docs/keep/", "docs/keep/secret.md");
    assertThat(
            List.of(
                "README.md",
                "KEEP.md",
                "sub/KEEP.md",
                "docs/a.txt",
                "docs/keep/a.txt",
                "docs/keep/secret.md",
                "nginx.conf"))
        .filteredOn(set::matches)
        .containsExactly("README.md", "docs/a.txt", "docs/keep/secret.md");
  }

  @Test
  void aNegationBeforeAnyMatchChangesNothing() {
    assertThat(rules("!a.txt").matches("a.txt")).isFalse();
    assertThat(rules("!a.txt", "*.txt").matches("a.txt")).isTrue();
  }

  @Test
  void anEscapedBangIsALiteral() {
    GlobSet.Rule rule = GlobSet.Rule.parse("\\!important");
    assertThat(rule.negated()).isFalse();
    assertThat(rule.glob().matches("!important")).isTrue();
    assertThat(GlobSet.Rule.parse(" ! a ").negated()).isTrue();
    assertThat(GlobSet.Rule.parse(" ! a ")).hasToString("!a");
  }

  @Test
  void aLoneBangOrABlankLineIsRefused() {
    assertThatThrownBy(() -> GlobSet.Rule.parse("!"))
        .hasMessage("'!' must be followed by a pattern");
    assertThatThrownBy(() -> GlobSet.Rule.parse("  ")).hasMessage("pattern must not be blank");
  }

  @Test
  void anyOfMatchesWhenOnePatternDoesAndReadsBangLiterally() {
    GlobSet set = GlobSet.anyOf(List.of("*.env", "config/**", "!x"));
    assertThat(List.of("app.env", "config/a/b.yml", "!x", "x", "a.conf"))
        .filteredOn(set::matches)
        .containsExactly("app.env", "config/a/b.yml", "!x");
  }

  @Test
  void anyOfNamesTheInvalidPattern() {
    assertThatThrownBy(() -> GlobSet.anyOf(List.of("*.env", "[[:nope:]]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid pattern '[[:nope:]]': unknown character class");
  }

  @Test
  void theEmptySetMatchesNothing() {
    assertThat(GlobSet.none().matches("a")).isFalse();
    assertThat(GlobSet.none().isEmpty()).isTrue();
    assertThat(GlobSet.anyOf(List.of())).isSameAs(GlobSet.none());
    assertThat(rules("a", "!b").rules()).hasSize(2);
  }
}
