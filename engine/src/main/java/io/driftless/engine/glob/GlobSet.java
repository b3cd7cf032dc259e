package io.driftless.engine.glob;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of {@link Glob} rules, read as gitignore reads its lines: the last rule that
 * matches a path decides, a negated rule ({@code !pattern}) takes the path back out, and a path no
 * rule matches is not in the set. Immutable and thread-safe.
 */
public final class GlobSet {
  private static final GlobSet NONE = new GlobSet(List.of());

  /**
   * One line of a set.
   *
   * @param negated whether the line began with {@code !} (re-includes what earlier lines matched)
   */
  public record Rule(Glob glob, boolean negated) {
    public Rule {
      Objects.requireNonNull(glob, "glob");
    }

    /**
     * Reads one gitignore line: {@code !pattern} negates, {@code \!pattern} is a pattern starting
     * with a literal {@code !}.
     *
     * @throws IllegalArgumentException when the pattern is not a valid {@link Glob}
     */
    public static Rule parse(String line) {
      String text = line == null ? "" : line.strip();
      boolean negated = text.startsWith("!");
      String pattern = negated ? text.substring(1).strip() : text;
      if (negated && pattern.isBlank()) {
        throw new IllegalArgumentException("'!' must be followed by a pattern");
      }
      return new Rule(Glob.compile(pattern), negated);
    }

    @Override
    public String toString() {
      return (negated ? "!" : "") + glob;
    }
  }

  private final List<Rule> rules;

  private GlobSet(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The empty set: matches nothing. */
  public static GlobSet none() {
    return NONE;
  }

  public static GlobSet of(List<Rule> rules) {
    return rules.isEmpty() ? NONE : new GlobSet(rules);
  }

  /**
   * A set that matches a path when any of the patterns does; a leading {@code !} is a literal
   * character here, not a negation.
   *
   * @throws IllegalArgumentException naming the first pattern that is not a valid {@link Glob}
   */
  public static GlobSet anyOf(Collection<String> patterns) {
    return of(
        patterns.stream()
            .map(
                p -> {
                  try {
                    return new Rule(Glob.compile(p), false);
                  } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                        "invalid pattern '" + p + "': " + e.getMessage(), e);
                  }
                })
            .toList());
  }

  /** Whether the last rule that matches {@code path} is a positive one. */
  public boolean matches(String path) {
    for (int i = rules.size() - 1; i >= 0; i--) {
      Rule rule = rules.get(i);
      if (rule.glob().matches(path)) {
        return !rule.negated();
      }
    }
    return false;
  }

  public List<Rule> rules() {
    return rules;
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  @Override
  public String toString() {
    return rules.toString();
  }
}
