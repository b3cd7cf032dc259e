package io.driftless.engine.render;

import java.util.regex.Pattern;

/**
 * A gitignore-style glob over '/'-separated relative paths: {@code *} matches within one segment,
 * {@code **} across segments, {@code ?} one character; a pattern without '/' matches a name at any
 * depth, a pattern with '/' (or a leading '/') is anchored at the environment's path, and a
 * trailing '/' matches a directory and everything under it.
 */
public final class GlobPattern {
  private final String source;
  private final Pattern regex;

  private GlobPattern(String source, Pattern regex) {
    this.source = source;
    this.regex = regex;
  }

  public static GlobPattern compile(String glob) {
    if (glob == null || glob.isBlank()) {
      throw new IllegalArgumentException("pattern must not be blank");
    }
    String g = glob.strip();
    boolean directory = g.endsWith("/");
    if (directory) {
      g = g.substring(0, g.length() - 1);
    }
    boolean anchored = g.startsWith("/") || g.contains("/");
    if (g.startsWith("/")) {
      g = g.substring(1);
    }
    StringBuilder re = new StringBuilder();
    re.append(anchored ? "^" : "^(?:.*/)?");
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*') {
        if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
          boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
          // "**/" matches zero or more whole segments; a trailing "**" matches everything below.
          re.append(slashAfter ? "(?:.*/)?" : ".*");
          i += slashAfter ? 2 : 1;
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '\\' && i + 1 < g.length()) {
        re.append(Pattern.quote(String.valueOf(g.charAt(++i))));
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    // A pattern naming a directory also matches everything under it.
    re.append(directory ? "/.*$" : "(?:/.*)?$");
    return new GlobPattern(glob, Pattern.compile(re.toString()));
  }

  /** Whether the relative path (no leading '/') matches. */
  public boolean matches(String path) {
    return regex.matcher(path).matches();
  }

  @Override
  public String toString() {
    return source;
  }
}
