package io.driftless.engine.glob;

import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Two independent oracles for {@link Glob}, slow on purpose: a backtracking matcher written
 * straight from the rules (exponential in the worst case, fine on short inputs), and the regular
 * expression translation that {@code GlobPattern} used before {@link Glob} replaced it.
 */
final class ReferenceGlob {
  private ReferenceGlob() {}

  /** Tries every way the pattern can consume the path, recursively. */
  static boolean backtracking(String pattern, String path) {
    String g = pattern.strip();
    boolean directory = g.endsWith("/");
    if (directory) {
      g = g.substring(0, g.length() - 1);
    }
    boolean anchored = g.indexOf('/') >= 0;
    if (g.startsWith("/")) {
      g = g.substring(1);
    }
    int[] p = g.codePoints().toArray();
    int[] s = path.codePoints().toArray();
    for (int start = 0; start <= s.length; start++) {
      boolean mayStart = start == 0 || (!anchored && s[start - 1] == '/');
      if (mayStart && body(p, 0, s, start, directory)) {
        return true;
      }
    }
    return false;
  }

  private static boolean body(int[] p, int pi, int[] s, int si, boolean directory) {
    if (pi == p.length) {
      // The pattern is used up: at the end of the path, or at a '/' (what is under a match).
      return si == s.length ? !directory : s[si] == '/';
    }
    int c = p[pi];
    if (c == '*' && pi + 1 < p.length && p[pi + 1] == '*') {
      if (pi + 2 < p.length && p[pi + 2] == '/') {
        if (body(p, pi + 3, s, si, directory)) {
          return true;
        }
        for (int j = si; j < s.length; j++) {
          if (s[j] == '/' && body(p, pi + 3, s, j + 1, directory)) {
            return true;
          }
        }
        return false;
      }
      for (int j = si; j <= s.length; j++) {
        if (body(p, pi + 2, s, j, directory)) {
          return true;
        }
      }
      return false;
    }
    if (c == '*') {
      for (int j = si; ; j++) {
        if (body(p, pi + 1, s, j, directory)) {
          return true;
        }
        if (j == s.length || s[j] == '/') {
          return false;
        }
      }
    }
    if (c == '?') {
      return si < s.length && s[si] != '/' && body(p, pi + 1, s, si + 1, directory);
    }
    if (c == '[') {
      int[] end = new int[1];
      IntPredicate member = bracket(p, pi, end);
      if (member != null) {
        return si < s.length
            && s[si] != '/'
            && member.test(s[si])
            && body(p, end[0], s, si + 1, directory);
      }
    }
    if (c == '\\' && pi + 1 < p.length) {
      pi++;
      c = p[pi];
    }
    return si < s.length && s[si] == c && body(p, pi + 1, s, si + 1, directory);
  }

  /** The bracket expression at p[open], or null when it is not closed; end[0] is past it. */
  private static IntPredicate bracket(int[] p, int open, int[] end) {
    int j = open + 1;
    boolean negated = j < p.length && (p[j] == '!' || p[j] == '^');
    if (negated) {
      j++;
    }
    IntPredicate member = x -> false;
    boolean first = true;
    while (j < p.length) {
      if (p[j] == ']' && !first) {
        end[0] = j + 1;
        IntPredicate in = member;
        return negated ? x -> !in.test(x) : in;
      }
      first = false;
      if (p[j] == '[' && j + 1 < p.length && p[j + 1] == ':') {
        int k = j + 2;
        while (k < p.length && p[k] != ']') {
          k++;
        }
        if (k < p.length && k > j + 2 && p[k - 1] == ':') {
          String name = new String(p, j + 2, k - 1 - (j + 2));
          IntPredicate named = named(name);
          member = member.or(named);
          j = k + 1;
          continue;
        }
      }
      int low = p[j];
      if (low == '\\' && j + 1 < p.length) {
        j++;
        low = p[j];
      }
      j++;
      int high = low;
      if (j + 1 < p.length && p[j] == '-' && p[j + 1] != ']') {
        j++;
        if (p[j] == '\\' && j + 1 < p.length) {
          j++;
        }
        high = p[j];
        j++;
      }
      int lo = low;
      int hi = high;
      member = member.or(x -> x >= lo && x <= hi);
    }
    return null;
  }

  private static IntPredicate named(String name) {
    return switch (name) {
      case "digit" -> x -> "0123456789".indexOf(x) >= 0;
      case "alpha" ->
          x -> "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".indexOf(x) >= 0 && x < 128;
      case "upper" -> x -> "ABCDEFGHIJKLMNOPQRSTUVWXYZ".indexOf(x) >= 0;
      case "space" -> x -> " \t\n\u000b\f\r".indexOf(x) >= 0;
      default -> throw new IllegalArgumentException("the reference knows no [:" + name + ":]");
    };
  }

  /** The translation to java.util.regex that GlobPattern used, verbatim (no brackets then). */
  static boolean legacyRegex(String glob, String path) {
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
    re.append(directory ? "/.*$" : "(?:/.*)?$");
    return Pattern.compile(re.toString()).matcher(path).matches();
  }
}
