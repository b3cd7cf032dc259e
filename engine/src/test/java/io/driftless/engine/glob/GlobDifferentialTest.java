package io.driftless.engine.glob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * {@link Glob} against slow oracles on many random patterns and paths over small alphabets, so that
 * matches and near misses are both common. Seeds are fixed: a failure names its pattern and path
 * and reproduces.
 */
class GlobDifferentialTest {
  private static final int CASES = 50_000;

  private static final List<String> PATTERN_PIECES =
      List.of(
          "a",
          "b",
          "a",
          "b",
          "/",
          "/",
          "*",
          "*",
          "**",
          "**/",
          "?",
          "\\",
          "\\*",
          ".",
          "-",
          "!",
          "é",
          "😀",
          "[ab]",
          "[!a]",
          "[^b]",
          "[a-b]",
          "[]a]",
          "[!]]",
          "[a-]",
          "[\\]]",
          "[",
          "]",
          "[[:digit:]]",
          "[[:alpha:][:space:]]",
          "[![:upper:]]",
          "1",
          "A",
          " ");
  private static final List<String> LEGACY_PATTERN_PIECES =
      // Without brackets (a literal '[' then, a class now), and without characters outside the
      // BMP, which the regular expression quoted as two lone surrogates that never matched.
      PATTERN_PIECES.stream()
          .filter(p -> !p.contains("[") && !p.contains("]") && !p.equals("😀"))
          .toList();
  private static final List<String> PATH_PIECES =
      List.of(
          "a", "b", "a", "b", "/", "/", "*", "?", ".", "-", "!", "é", "😀", "[", "]", "\\", "1",
          "A", " ", "\n", ":");

  @Test
  void agreesWithTheBacktrackingReference() {
    int matched =
        compare(new Random(20_240_601L), PATTERN_PIECES, PATH_PIECES, ReferenceGlob::backtracking);
    assertThat(matched)
        .as("matches among %d cases", CASES)
        .isBetween(CASES / 50, CASES - CASES / 50);
  }

  @Test
  void agreesWithTheRegularExpressionItReplacedWhereThatHadNoClasses() {
    List<String> paths = PATH_PIECES.stream().filter(p -> !p.equals("\n")).toList();
    int matched = compare(new Random(7L), LEGACY_PATTERN_PIECES, paths, ReferenceGlob::legacyRegex);
    assertThat(matched)
        .as("matches among %d cases", CASES)
        .isBetween(CASES / 50, CASES - CASES / 50);
  }

  @Test
  void pathsMadeFromThePatternAgreeToo() {
    // Paths spelled from the pattern's own pieces match far more often than random ones.
    Random random = new Random(99L);
    int matched = 0;
    for (int n = 0; n < CASES; n++) {
      String pattern = random(random, PATTERN_PIECES, 1 + random.nextInt(7));
      if (pattern.isBlank()) {
        continue;
      }
      String path = mutate(random, pattern);
      boolean expected = ReferenceGlob.backtracking(pattern, path);
      assertThat(Glob.compile(pattern).matches(path))
          .as("'%s' on '%s'", pattern, path)
          .isEqualTo(expected);
      matched += expected ? 1 : 0;
    }
    assertThat(matched).isGreaterThan(CASES / 10);
  }

  private static int compare(
      Random random,
      List<String> patternPieces,
      List<String> pathPieces,
      BiPredicate<String, String> oracle) {
    int matched = 0;
    for (int n = 0; n < CASES; n++) {
      String pattern = random(random, patternPieces, 1 + random.nextInt(8));
      if (pattern.isBlank()) {
        continue;
      }
      String path = random(random, pathPieces, random.nextInt(11));
      boolean expected = oracle.test(pattern, path);
      assertThat(Glob.compile(pattern).matches(path))
          .as("'%s' on '%s'", pattern, path)
          .isEqualTo(expected);
      matched += expected ? 1 : 0;
    }
    return matched;
  }

  private static String random(Random random, List<String> pieces, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(pieces.get(random.nextInt(pieces.size())));
    }
    return text.toString();
  }

  /** The pattern with its wildcards spelled out as random text, and a few edits. */
  private static String mutate(Random random, String pattern) {
    String path =
        pattern
            .replace("**/", random.nextBoolean() ? "" : "a/b/")
            .replace("**", random.nextBoolean() ? "/" : "ab")
            .replace("*", random.nextBoolean() ? "" : "ba")
            .replace("?", "é")
            .replaceAll("\\[[^\\]]*\\]", random.nextBoolean() ? "a" : "1")
            .replace("\\", "");
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    if (random.nextInt(4) == 0 && !path.isEmpty()) {
      int at = random.nextInt(path.length());
      path =
          path.substring(0, at)
              + PATH_PIECES.get(random.nextInt(PATH_PIECES.size()))
              + path.substring(at + 1);
    }
    if (random.nextInt(4) == 0) {
      path = random.nextBoolean() ? "x/" + path : path + "/y";
    }
    return path;
  }
}
