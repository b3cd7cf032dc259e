package io.driftless.api.githost;

/**
 * Text that a pull request controls (titles, branch and file names, commit subjects, a renderer's
 * error text), made safe to put into what Driftless writes on a host: it shows as the same
 * characters and does nothing else. Escaped are Markdown's inline syntax (emphasis, links, images,
 * code, HTML, tables, math), a list or heading at the start of a line, and a line break (text is
 * put on one line); broken with a zero-width space are what the hosts turn into notifications or
 * cross-references ({@code @user}, {@code #12}, GitLab's {@code !12}, {@code ~label}, {@code
 * %milestone}, {@code $snippet}, {@code &epic}) and bare links ({@code https://...}, {@code www.}).
 */
public final class MarkdownText {
  /** Escaped with a backslash wherever they are. */
  private static final String MARKDOWN = "\\`*_{}[]()<>|";

  /** Followed by a zero-width space, so no host reads a mention or reference. */
  private static final String REFERENCE = "@#!~%$&";

  private static final String ZERO_WIDTH = "&#8203;";

  private MarkdownText() {}

  /** {@code text} as plain inline Markdown on one line (also safe in a table cell). */
  public static String inline(String text) {
    String line = oneLine(text);
    StringBuilder out = new StringBuilder(line.length() + 16);
    int start = lineStart(line);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (i == start && (c == '-' || c == '+' || c == '=' || c == '.' || c == ')')) {
        out.append('\\').append(c); // a list item, or a heading underline
      } else if (MARKDOWN.indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else if (REFERENCE.indexOf(c) >= 0) {
        out.append('\\').append(c).append(ZERO_WIDTH);
      } else {
        i = link(line, i, out, false);
      }
    }
    return out.toString();
  }

  /** {@code text} inside raw HTML (a {@code <summary>}), on one line. */
  public static String html(String text) {
    String line = oneLine(text);
    StringBuilder out = new StringBuilder(line.length() + 16);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;").append(ZERO_WIDTH);
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        default -> {
          if (REFERENCE.indexOf(c) >= 0) {
            out.append(c).append(ZERO_WIDTH);
          } else {
            i = link(line, i, out, true);
          }
        }
      }
    }
    return out.toString();
  }

  /** {@code text} as a code span on one line: shown verbatim, backticks included. */
  public static String code(String text) {
    String line = oneLine(text);
    int longest = 0;
    int run = 0;
    for (int i = 0; i < line.length(); i++) {
      run = line.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String ticks = "`".repeat(longest + 1);
    String pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
    return ticks + pad + line + pad + ticks;
  }

  /** {@link #code} for a table cell, where a {@code |} must be escaped even in a code span. */
  public static String cellCode(String text) {
    return code(text).replace("|", "\\|");
  }

  /** {@code text} inside a fenced code block: no run of backticks can close the fence early. */
  public static String fenced(String text) {
    return text.replaceAll("`(?=`)", "`\u200b");
  }

  /** Whitespace runs (line breaks included) as one space; other control characters dropped. */
  private static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    return text.replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "").strip();
  }

  /** Where a list marker would stand: after the digits of an ordered list's number, else 0. */
  private static int lineStart(String line) {
    int i = 0;
    while (i < line.length() && Character.isDigit(line.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Appends {@code line[i]}, breaking a bare link there; returns the last index consumed. */
  private static int link(String line, int i, StringBuilder out, boolean html) {
    if (line.startsWith("://", i)) {
      out.append(':').append(ZERO_WIDTH).append("//");
      return i + 2;
    }
    if (line.regionMatches(true, i, "www.", 0, 4)) {
      out.append(line, i, i + 3).append(ZERO_WIDTH).append(html ? "." : "\\.");
      return i + 3;
    }
    out.append(line.charAt(i));
    return i;
  }
}
