package io.driftless.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file under the module's {@code src/test/resources} that records what some live output must be
 * (the OpenAPI document, the CLI's help), compared line by line with a readable diff on failure.
 *
 * <p>To record a changed output on purpose, run the test with {@code
 * -Ddriftless.golden.update=true} (e.g. {@code /work/bin/mvnl -B -pl cli -am verify
 * -Dtest=CliHelpGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddriftless.golden.update=true}): the file is rewritten and the test passes; review and commit
 * the change like code.
 */
public final class GoldenFile {
  /** The system property that rewrites golden files instead of comparing with them. */
  public static final String UPDATE_PROPERTY = "driftless.golden.update";

  private static final int CONTEXT = 3;
  private static final long MAX_DIFF_CELLS = 4_000_000L;

  private final Path file;

  private GoldenFile(Path file) {
    this.file = file;
  }

  /**
   * The golden file at {@code path} below {@code src/test/resources} of the module under test (the
   * working directory of Surefire and Failsafe is the module's directory).
   */
  public static GoldenFile at(String path) {
    return new GoldenFile(Path.of("src", "test", "resources").resolve(path));
  }

  /** A golden file anywhere, for tests of this class. */
  public static GoldenFile of(Path file) {
    return new GoldenFile(file);
  }

  public Path file() {
    return file;
  }

  public static boolean updating() {
    return Boolean.getBoolean(UPDATE_PROPERTY);
  }

  /**
   * Passes when {@code actual} equals the file (line endings aside); otherwise throws an {@link
   * AssertionError} with a unified diff, golden file as {@code ---}, actual as {@code +++}. In
   * update mode writes {@code actual} to the file instead.
   */
  public void assertMatches(String actual) {
    String live = normalize(actual);
    if (updating()) {
      write(live);
      return;
    }
    if (!Files.isRegularFile(file)) {
      throw new AssertionError(
          "no golden file "
              + file.toAbsolutePath()
              + "; record it with -D"
              + UPDATE_PROPERTY
              + "=true");
    }
    String golden = normalize(read());
    if (!golden.equals(live)) {
      throw new AssertionError(
          "live output differs from the golden file "
              + file
              + " (rerun with -D"
              + UPDATE_PROPERTY
              + "=true to record it if the change is intended)\n"
              + diff(golden, live));
    }
  }

  private String read() {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String normalize(String text) {
    return text.replace("\r\n", "\n");
  }

  /**
   * A unified diff of two texts: {@code -} lines only in {@code expected}, {@code +} lines only in
   * {@code actual}, {@code CONTEXT} lines around each change, {@code @@} headers with line numbers.
   */
  public static String diff(String expected, String actual) {
    List<String> a = lines(expected);
    List<String> b = lines(actual);
    List<Edit> edits = edits(a, b);
    StringBuilder out = new StringBuilder("--- golden\n+++ actual\n");
    int i = 0;
    while (i < edits.size()) {
      if (edits.get(i).op() == ' ') {
        i++;
        continue;
      }
      // One hunk: this change and every next one within 2 * CONTEXT unchanged lines.
      int lastChange = i;
      for (int k = i + 1; k < edits.size() && k - lastChange <= 2 * CONTEXT; k++) {
        if (edits.get(k).op() != ' ') {
          lastChange = k;
        }
      }
      int start = Math.max(0, i - CONTEXT);
      int end = Math.min(edits.size(), lastChange + CONTEXT + 1);
      Edit first = edits.get(start);
      out.append("@@ -")
          .append(first.oldLine() + 1)
          .append(" +")
          .append(first.newLine() + 1)
          .append(" @@\n");
      for (Edit e : edits.subList(start, end)) {
        out.append(e.op()).append(e.text()).append('\n');
      }
      i = end;
    }
    return out.toString();
  }

  private record Edit(char op, String text, int oldLine, int newLine) {}

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    } else if (!text.isEmpty()) {
      lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "  (no newline at end)");
    }
    return lines;
  }

  /** Common prefix and suffix kept as context; the middle by longest common subsequence. */
  private static List<Edit> edits(List<String> a, List<String> b) {
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix
        && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    List<Edit> edits = new ArrayList<>();
    for (int k = 0; k < prefix; k++) {
      edits.add(new Edit(' ', a.get(k), k, k));
    }
    List<String> midA = a.subList(prefix, a.size() - suffix);
    List<String> midB = b.subList(prefix, b.size() - suffix);
    if ((long) midA.size() * midB.size() > MAX_DIFF_CELLS) {
      // Too large to align: all of one side, then all of the other.
      for (int k = 0; k < midA.size(); k++) {
        edits.add(new Edit('-', midA.get(k), prefix + k, prefix));
      }
      for (int k = 0; k < midB.size(); k++) {
        edits.add(new Edit('+', midB.get(k), prefix + midA.size(), prefix + k));
      }
    } else {
      int[][] lcs = new int[midA.size() + 1][midB.size() + 1];
      for (int x = midA.size() - 1; x >= 0; x--) {
        for (int y = midB.size() - 1; y >= 0; y--) {
          lcs[x][y] =
              midA.get(x).equals(midB.get(y))
                  ? lcs[x + 1][y + 1] + 1
                  : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
        }
      }
      int x = 0;
      int y = 0;
      while (x < midA.size() || y < midB.size()) {
        if (x < midA.size() && y < midB.size() && midA.get(x).equals(midB.get(y))) {
          edits.add(new Edit(' ', midA.get(x), prefix + x, prefix + y));
          x++;
          y++;
        } else if (x < midA.size() && (y == midB.size() || lcs[x + 1][y] >= lcs[x][y + 1])) {
          edits.add(new Edit('-', midA.get(x), prefix + x, prefix + y));
          x++;
        } else {
          edits.add(new Edit('+', midB.get(y), prefix + x, prefix + y));
          y++;
        }
      }
    }
    for (int k = suffix; k > 0; k--) {
      int oldLine = a.size() - k;
      edits.add(new Edit(' ', a.get(oldLine), oldLine, b.size() - k));
    }
    return edits;
  }
}
