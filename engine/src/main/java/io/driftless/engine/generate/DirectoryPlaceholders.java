package io.driftless.engine.generate;

import java.util.List;

/**
 * The placeholders a generator's template fills from one generated directory, and nothing else:
 * {@code {{path}}} the directory's path from the root, {@code {{path.basename}}} its last segment,
 * {@code {{path[N]}}} its segment N counted from 0 ({@code envs/web/prod}: {@code path[1]} is
 * {@code web}). Spaces inside the braces are allowed. An unknown placeholder, an index past the last
 * segment, or a {@code {{} that is never closed is an error naming it.
 *
 * @param path the directory, '/'-separated, relative to the root
 */
public record DirectoryPlaceholders(String path) {
  public DirectoryPlaceholders {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException("a generated directory is a relative path: " + path);
    }
  }

  /** {@code text} with every placeholder replaced by its value. */
  public String fill(String text) {
    return fill(text, List.of(path.split("/")));
  }

  /**
   * Checks that every placeholder of {@code text} is one a template knows, without a directory: a
   * template is refused even when its generator selects nothing.
   */
  public static void check(String text) {
    fill(text, null);
  }

  private static String fill(String text, List<String> segments) {
    StringBuilder filled = new StringBuilder();
    int at = 0;
    while (true) {
      int open = text.indexOf("{{", at);
      if (open < 0) {
        return filled.append(text, at, text.length()).toString();
      }
      int close = text.indexOf("}}", open + 2);
      if (close < 0) {
        throw new IllegalArgumentException(
            "placeholder '" + text.substring(open) + "' is not closed with '}}'");
      }
      filled.append(text, at, open).append(value(text.substring(open, close + 2), segments));
      at = close + 2;
    }
  }

  /** The value of one placeholder in a directory of {@code segments}; null only checks it. */
  private static String value(String placeholder, List<String> segments) {
    String name = placeholder.substring(2, placeholder.length() - 2).strip();
    if (name.equals("path")) {
      return segments == null ? "" : String.join("/", segments);
    }
    if (name.equals("path.basename")) {
      return segments == null ? "" : segments.get(segments.size() - 1);
    }
    if (name.startsWith("path[") && name.endsWith("]")) {
      String index = name.substring(5, name.length() - 1).strip();
      if (!index.isEmpty() && index.length() < 4 && index.chars().allMatch(Character::isDigit)) {
        int n = Integer.parseInt(index);
        if (segments == null) {
          return "";
        }
        if (n >= segments.size()) {
          throw new IllegalArgumentException(
              "placeholder '"
                  + placeholder
                  + "': directory "
                  + String.join("/", segments)
                  + " has "
                  + segments.size()
                  + " segments, numbered from 0");
        }
        return segments.get(n);
      }
    }
    throw new IllegalArgumentException(
        "unknown placeholder '"
            + placeholder
            + "': a template knows {{path}}, {{path.basename}} and {{path[N]}}");
  }
}
