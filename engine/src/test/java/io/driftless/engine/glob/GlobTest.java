package io.driftless.engine.glob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

  /** Pattern, path, whether it matches; each row is one rule of the Javadoc or one corner. */
  @ParameterizedTest(name = "[{index}] ''{0}'' on ''{1}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          # a name without '/' matches at any depth; a leading '/' anchors at the root
          *.conf          | nginx.conf         | true
          *.conf          | sites/app.conf     | true
          *.conf          | nginx.conf.bak     | false
          /secrets.txt    | secrets.txt        | true
          /secrets.txt    | sub/secrets.txt    | false
          config/*.yml    | config/a.yml       | true
          config/*.yml    | x/config/a.yml     | false
          # '**' crosses directories; a trailing '/' matches everything under a directory
          config/**       | config/a/b/c.yml   | true
          **/*.tmpl       | a/b/c.tmpl         | true
          **/*.tmpl       | c.tmpl             | true
          a/**/z          | a/z                | true
          a/**/z          | a/b/c/z            | true
          drafts/         | drafts/a.txt       | true
          drafts/         | x/drafts/a.txt     | true
          drafts/         | drafts             | false
          # '?' and literal characters
          file?.txt       | file1.txt          | true
          file?.txt       | file10.txt         | false
          a+b(c).txt      | a+b(c).txt         | true
          # '*' stays within one segment
          *               | a                  | true
          *               | a/b                | true
          a*              | ab/c               | true
          a/*             | a/b                | true
          a/*             | a/b/c              | true
          a/*/c           | a/b/c              | true
          a/*/c           | a/b/x/c            | false
          a*c             | ab/c               | false
          *.conf          | .conf              | true
          x*              | y/x                | true
          # '?' is one character, never '/'
          a?c             | abc                | true
          a?c             | a/c                | false
          ?               | é                  | true
          ?               | 😀                 | true
          ??              | 😀                 | false
          # '**' as whole segments
          **/a            | a                  | true
          **/a            | x/y/a              | true
          **/a            | xa                 | false
          a/**            | a                  | false
          a/**            | a/b                | true
          a/**/b          | a/x/y/b            | true
          a/**/b          | a/xb               | false
          /**/b           | b                  | true
          **              | anything/at/all    | true
          # '**' elsewhere is any run of characters, '/' included (the previous matcher's meaning)
          a**b            | ab                 | true
          a**b            | a/x/b              | true
          a**b            | a/x/c              | false
          a**/b           | a/b                | true
          a**/b           | axx/yy/b           | true
          x/a**           | x/a/b/c            | true
          # anchoring
          /a              | a                  | true
          /a              | x/a                | false
          a/b             | x/a/b              | false
          a/b             | a/b/c              | true
          //a             | a                  | false
          # a match of a directory covers what is under it; a trailing '/' only directories
          build           | build/out/a.txt    | true
          build           | x/build/a          | true
          build           | builds             | false
          build/          | build              | false
          build/          | build/a            | true
          a/b/            | a/b/c              | true
          a/b/            | x/a/b/c            | false
          # escapes
          \\*             | *                  | true
          \\*             | a                  | false
          \\?             | ?                  | true
          \\?             | a                  | false
          \\[a]           | [a]                | true
          \\[a]           | a                  | false
          a\\             | a\\                | true
          \\!x            | !x                 | true
          \\a             | a                  | true
          # character classes
          [abc]           | b                  | true
          [abc]           | d                  | false
          [a-c]x          | bx                 | true
          [a-c]x          | dx                 | false
          [!a-c]          | d                  | true
          [!a-c]          | b                  | false
          [^a-c]          | d                  | true
          []]             | ]                  | true
          []a]            | a                  | true
          [!]]            | ]                  | false
          [!]]            | x                  | true
          [a-]            | -                  | true
          [-a]            | -                  | true
          [\\]]           | ]                  | true
          [\\-z]          | -                  | true
          [\\-z]          | y                  | false
          [c-a]           | b                  | false
          [[:digit:]]x    | 7x                 | true
          [[:digit:]]x    | ax                 | false
          [![:alpha:]]    | 1                  | true
          [[:upper:][:digit:]] | Q             | true
          [[:upper:][:digit:]] | q             | false
          [[:space:]]     | "a b"              | false
          a[[:space:]]b   | "a b"              | true
          [/]             | /                  | false
          [!a]            | /                  | false
          a[!b]c          | a/c                | false
          [é-ë]           | ê                  | true
          [😀]            | 😀                 | true
          # a bracket that is not a named class is a member (no ':' before the first ']')
          [[:a]           | [                  | true
          [[:a]           | :                  | true
          [[:a]           | a                  | true
          [[:a]           | b                  | false
          # an unclosed '[' is a literal
          [               | [                  | true
          [ab             | [ab                | true
          [ab             | a                  | false
          []              | []                 | true
          [!]             | [!]                | true
          # surrounding whitespace is not part of the pattern
          "  *.md  "      | a.md               | true
          # case matters
          *.MD            | a.md               | false
          """)
  void matchesLikeGitignore(String pattern, String path, boolean expected) {
    assertThat(Glob.compile(pattern).matches(path))
        .as("'%s' on '%s'", pattern, path)
        .isEqualTo(expected);
  }

  @Test
  void newlinesAndOtherControlCharactersInNamesAreOrdinaryCharacters() {
    // The regular expression this replaced could not cross a newline with '**' or its
    // any-depth prefix, so '*.conf' missed "a\nb/x.conf".
    assertThat(Glob.compile("*.conf").matches("a\nb/x.conf")).isTrue();
    assertThat(Glob.compile("a/**").matches("a/x\ny/z")).isTrue();
    assertThat(Glob.compile("a**z").matches("a\r\u2028z")).isTrue();
    assertThat(Glob.compile("a?b").matches("a\nb")).isTrue();
  }

  @Test
  void blankOverlongAndUnknownClassPatternsAreRefused() {
    assertThatThrownBy(() -> Glob.compile(" ")).hasMessage("pattern must not be blank");
    assertThatThrownBy(() -> Glob.compile(null)).hasMessage("pattern must not be blank");
    assertThatThrownBy(() -> Glob.compile("a".repeat(Glob.MAX_LENGTH + 1)))
        .hasMessageContaining("at most 4096 characters");
    assertThat(Glob.compile("a".repeat(Glob.MAX_LENGTH)).matches("a".repeat(Glob.MAX_LENGTH)))
        .isTrue();
    assertThatThrownBy(() -> Glob.compile("[[:foo:]]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown character class [:foo:]")
        .hasMessageContaining("digit");
    assertThatThrownBy(() -> Glob.compile("[[::]]")).hasMessageContaining("[::]");
  }

  @Test
  void equalityAndTextAreThePatternAsGiven() {
    assertThat(Glob.compile("*.md")).isEqualTo(Glob.compile("*.md"));
    assertThat(Glob.compile("*.md")).hasSameHashCodeAs(Glob.compile("*.md"));
    assertThat(Glob.compile("*.md")).isNotEqualTo(Glob.compile("*.MD"));
    assertThat(Glob.compile(" docs/ ").pattern()).isEqualTo(" docs/ ");
    assertThat(Glob.compile("docs/")).hasToString("docs/");
  }

  /** Pattern, path, whether the whole path matches (not only a directory above it). */
  @ParameterizedTest(name = "[{index}] ''{0}'' on whole ''{1}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /envs/*/*     | envs/web/prod       | true
          /envs/*/*     | envs/web/prod/sub   | false
          /envs/*/*     | envs/web            | false
          /envs/*       | envs/web            | true
          /envs/**      | envs/a/b/c          | true
          /envs/**/prod | envs/prod           | true
          /envs/**/prod | envs/a/b/prod       | true
          /envs/**/prod | envs/a/b/prod/x     | false
          /envs/[a-c]*  | envs/beta           | true
          /envs/[a-c]*  | envs/delta          | false
          """)
  void matchesWholeIgnoresTheDirectoryCover(String pattern, String path, boolean expected) {
    assertThat(Glob.compile(pattern).matchesWhole(path)).isEqualTo(expected);
    if (expected) {
      assertThat(Glob.compile(pattern).matches(path + "/under")).as("the cover").isTrue();
    }
  }
}
