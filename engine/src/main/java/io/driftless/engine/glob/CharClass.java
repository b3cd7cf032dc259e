package io.driftless.engine.glob;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A bracket expression of a glob ({@code [abc]}, {@code [a-z]}, {@code [!x]}, {@code [^x]}, {@code
 * [[:digit:]]}), as git's wildmatch reads it: a {@code ]} right after the opening bracket (or its
 * negation) is a member, {@code \} escapes the next character, {@code -} between two members is a
 * range, named classes are ASCII. It never matches {@code /}, negated or not.
 */
final class CharClass {
  private static final Map<String, IntPredicate> NAMED =
      Map.ofEntries(
          Map.entry("alnum", c -> isAsciiLetter(c) || isAsciiDigit(c)),
          Map.entry("alpha", CharClass::isAsciiLetter),
          Map.entry("blank", c -> c == ' ' || c == '\t'),
          Map.entry("cntrl", c -> c < 0x20 || c == 0x7f),
          Map.entry("digit", CharClass::isAsciiDigit),
          Map.entry("graph", c -> c > 0x20 && c < 0x7f),
          Map.entry("lower", c -> c >= 'a' && c <= 'z'),
          Map.entry("print", c -> c >= 0x20 && c < 0x7f),
          Map.entry("punct", c -> c > 0x20 && c < 0x7f && !isAsciiLetter(c) && !isAsciiDigit(c)),
          Map.entry("space", c -> c == ' ' || (c >= '\t' && c <= '\r')),
          Map.entry("upper", c -> c >= 'A' && c <= 'Z'),
          Map.entry(
              "xdigit", c -> isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));

  private final boolean negated;
  private final int[] ranges; // pairs of inclusive code point bounds
  private final List<IntPredicate> named;

  private CharClass(boolean negated, int[] ranges, List<IntPredicate> named) {
    this.negated = negated;
    this.ranges = ranges;
    this.named = named;
  }

  /** The class and the index just past its closing bracket. */
  record Parsed(CharClass charClass, int end) {}

  /**
   * Reads the bracket expression opening at {@code glob[open]}, or returns null when no {@code ]}
   * closes it (the {@code [} is then a literal character, as in POSIX {@code fnmatch}).
   *
   * @throws IllegalArgumentException on an unknown named class such as {@code [[:foo:]]}
   */
  static Parsed parse(String glob, int open) {
    int i = open + 1;
    boolean negated = i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^');
    if (negated) {
      i++;
    }
    List<Integer> bounds = new ArrayList<>();
    List<IntPredicate> named = new ArrayList<>();
    boolean first = true;
    while (i < glob.length()) {
      int c = glob.codePointAt(i);
      if (c == ']' && !first) {
        int[] ranges = bounds.stream().mapToInt(Integer::intValue).toArray();
        return new Parsed(new CharClass(negated, ranges, List.copyOf(named)), i + 1);
      }
      first = false;
      if (c == '[' && glob.startsWith("[:", i)) {
        // As wildmatch: the first ']' ends the name, and only if ':' precedes it.
        int close = glob.indexOf(']', i + 2);
        if (close > i + 2 && glob.charAt(close - 1) == ':') {
          String name = glob.substring(i + 2, close - 1);
          IntPredicate test = NAMED.get(name);
          if (test == null) {
            throw new IllegalArgumentException(
                "unknown character class [:"
                    + name
                    + ":]; known: "
                    + String.join(", ", NAMED.keySet().stream().sorted().toList()));
          }
          named.add(test);
          i = close + 1;
          continue;
        }
      }
      int low;
      if (c == '\\' && i + 1 < glob.length()) {
        i++;
        low = glob.codePointAt(i);
      } else {
        low = c;
      }
      i += Character.charCount(low);
      int high = low;
      if (i + 1 < glob.length() && glob.charAt(i) == '-' && glob.charAt(i + 1) != ']') {
        i++;
        if (glob.charAt(i) == '\\' && i + 1 < glob.length()) {
          i++;
        }
        high = glob.codePointAt(i);
        i += Character.charCount(high);
      }
      bounds.add(low);
      bounds.add(high);
    }
    return null;
  }

  boolean matches(int c) {
    if (c == '/') {
      return false;
    }
    boolean member = false;
    for (int k = 0; k < ranges.length && !member; k += 2) {
      member = c >= ranges[k] && c <= ranges[k + 1];
    }
    for (int k = 0; k < named.size() && !member; k++) {
      member = named.get(k).test(c);
    }
    return member != negated;
  }

  private static boolean isAsciiLetter(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
