package io.driftless.engine.domain;

import io.driftless.engine.glob.GlobSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which files of an environment's path a promotion carries: {@link io.driftless.engine.glob.Glob}s
 * relative to the environment's path, read as a {@link GlobSet} (gitignore's rules: a pattern
 * without {@code /} matches a name at any depth, {@code release/**} everything under {@code
 * release}, a later {@code !pattern} takes paths back out). No patterns means every file. A pattern
 * may not be absolute ({@code /etc/x}) or step out of the path ({@code ..}): the receiving
 * environment's other files, such as its own values, are never touched.
 *
 * @param patterns as given, in order
 */
public record PromotionPaths(List<String> patterns) {
  public PromotionPaths {
    patterns = patterns == null ? List.of() : List.copyOf(patterns);
    List<GlobSet.Rule> rules = new ArrayList<>();
    for (String pattern : patterns) {
      rules.add(rule(pattern));
    }
    if (!rules.isEmpty() && rules.stream().allMatch(GlobSet.Rule::negated)) {
      throw new IllegalArgumentException(
          "promotion paths must include something: every pattern is a '!' exclusion");
    }
  }

  /** Every file of the path. */
  public static PromotionPaths everything() {
    return new PromotionPaths(List.of());
  }

  /**
   * Whether a path inside the environment's path (no leading '/') is promoted; compiled once, for
   * testing many paths.
   */
  public Predicate<String> matcher() {
    if (patterns.isEmpty()) {
      return path -> true;
    }
    GlobSet set = GlobSet.of(patterns.stream().map(GlobSet.Rule::parse).toList());
    return set::matches;
  }

  /** Whether {@code relativePath} is promoted (compiles the patterns: see {@link #matcher()}). */
  public boolean matches(String relativePath) {
    return matcher().test(relativePath);
  }

  private static GlobSet.Rule rule(String pattern) {
    Require.text(pattern, "promotion path patterns must not be blank");
    String text = pattern.strip();
    String glob = text.startsWith("!") ? text.substring(1).strip() : text;
    if (glob.startsWith("/")) {
      throw new IllegalArgumentException(
          "promotion path '" + pattern + "' must be relative to the environment's path");
    }
    for (String segment : glob.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        throw new IllegalArgumentException(
            "promotion path '" + pattern + "' must not contain '" + segment + "'");
      }
    }
    try {
      return GlobSet.Rule.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "promotion path '" + pattern + "' is invalid: " + e.getMessage(), e);
    }
  }
}
