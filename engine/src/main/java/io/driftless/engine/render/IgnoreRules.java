package io.driftless.engine.render;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a {@code .driftlessignore} file, in gitignore syntax: one glob per line, {@code #}
 * comments, blank lines skipped, {@code !} re-includes; the last matching rule wins.
 */
public final class IgnoreRules {
  /** The file's name, at the root of an environment's path. */
  public static final String FILE_NAME = ".driftlessignore";

  private record Rule(GlobPattern pattern, boolean negated) {}

  private final List<Rule> rules;

  private IgnoreRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static IgnoreRules none() {
    return new IgnoreRules(List.of());
  }

  /**
   * @throws RenderException naming the line of a pattern that cannot be read
   */
  public static IgnoreRules parse(String text) {
    List<Rule> rules = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean negated = line.startsWith("!");
      String glob = negated ? line.substring(1) : line;
      if (glob.isBlank()) {
        throw new RenderException(FILE_NAME, i + 1, "'!' must be followed by a pattern");
      }
      try {
        rules.add(new Rule(GlobPattern.compile(glob), negated));
      } catch (IllegalArgumentException e) {
        throw new RenderException(
            FILE_NAME, i + 1, "invalid pattern '" + glob + "': " + e.getMessage());
      }
    }
    return new IgnoreRules(rules);
  }

  public boolean ignores(String path) {
    boolean ignored = false;
    for (Rule rule : rules) {
      if (rule.pattern().matches(path)) {
        ignored = !rule.negated();
      }
    }
    return ignored;
  }
}
