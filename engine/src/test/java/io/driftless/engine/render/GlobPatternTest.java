package io.driftless.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobPatternTest {

  @Test
  void nameWithoutSlashMatchesAtAnyDepth() {
    GlobPattern p = GlobPattern.compile("*.conf");
    assertThat(p.matches("nginx.conf")).isTrue();
    assertThat(p.matches("sites/app.conf")).isTrue();
    assertThat(p.matches("nginx.conf.bak")).isFalse();
  }

  @Test
  void slashAnchorsAtTheRoot() {
    GlobPattern p = GlobPattern.compile("/secrets.txt");
    assertThat(p.matches("secrets.txt")).isTrue();
    assertThat(p.matches("sub/secrets.txt")).isFalse();
    assertThat(GlobPattern.compile("config/*.yml").matches("config/a.yml")).isTrue();
    assertThat(GlobPattern.compile("config/*.yml").matches("x/config/a.yml")).isFalse();
  }

  @Test
  void doubleStarCrossesDirectories() {
    assertThat(GlobPattern.compile("config/**").matches("config/a/b/c.yml")).isTrue();
    assertThat(GlobPattern.compile("**/*.tmpl").matches("a/b/c.tmpl")).isTrue();
    assertThat(GlobPattern.compile("**/*.tmpl").matches("c.tmpl")).isTrue();
    assertThat(GlobPattern.compile("a/**/z").matches("a/z")).isTrue();
    assertThat(GlobPattern.compile("a/**/z").matches("a/b/c/z")).isTrue();
  }

  @Test
  void trailingSlashMatchesEverythingUnderADirectory() {
    GlobPattern p = GlobPattern.compile("drafts/");
    assertThat(p.matches("drafts/a.txt")).isTrue();
    assertThat(p.matches("x/drafts/a.txt")).isTrue();
    assertThat(p.matches("drafts")).isFalse();
  }

  @Test
  void questionMarkAndLiteralCharacters() {
    assertThat(GlobPattern.compile("file?.txt").matches("file1.txt")).isTrue();
    assertThat(GlobPattern.compile("file?.txt").matches("file10.txt")).isFalse();
    assertThat(GlobPattern.compile("a+b(c).txt").matches("a+b(c).txt")).isTrue();
  }

  @Test
  void ignoreRulesLastMatchWinsAndNegationReincludes() {
    IgnoreRules rules = IgnoreRules.parse("# comment\n\n*.md\n!KEEP.md\nbuild/\n");
    assertThat(rules.ignores("README.md")).isTrue();
    assertThat(rules.ignores("docs/x.md")).isTrue();
    assertThat(rules.ignores("KEEP.md")).isFalse();
    assertThat(rules.ignores("build/out.txt")).isTrue();
    assertThat(rules.ignores("nginx.conf")).isFalse();
  }

  @Test
  void aLoneBangIsAnErrorWithItsLine() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> IgnoreRules.parse("a\n!\n"))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining(".driftlessignore:2");
  }
}
