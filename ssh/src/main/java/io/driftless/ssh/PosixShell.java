package io.driftless.ssh;

import java.util.List;
import java.util.StringJoiner;

/**
 * Turns an argv list into one command line for the remote user's login shell, which is how SSH runs
 * a command. Each argument reaches the program as exactly that one argument: it is left bare only
 * when made of characters no POSIX shell interprets, and single-quoted otherwise. A login shell
 * that is not POSIX (csh, fish) may read some quoted arguments differently; the docs say so.
 */
public final class PosixShell {
  private PosixShell() {}

  /**
   * @throws IllegalArgumentException when {@code argv} is empty or an argument holds a NUL (which
   *     no argument can carry)
   */
  public static String command(List<String> argv) {
    if (argv == null || argv.isEmpty()) {
      throw new IllegalArgumentException("a command needs at least the program");
    }
    StringJoiner line = new StringJoiner(" ");
    for (String arg : argv) {
      line.add(quote(arg));
    }
    return line.toString();
  }

  /** One argument, quoted when needed: {@code it's} becomes {@code 'it'\''s'}. */
  public static String quote(String arg) {
    if (arg == null) {
      throw new IllegalArgumentException("an argument must not be null");
    }
    if (arg.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an argument must not contain a NUL character");
    }
    if (!arg.isEmpty() && arg.chars().allMatch(PosixShell::isSafe)) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  private static boolean isSafe(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '/'
        || c == ','
        || c == ':'
        || c == '+'
        || c == '@'
        || c == '%';
  }
}
