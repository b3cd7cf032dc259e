package io.driftless.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Columns padded to their widest cell, like {@code kubectl get}; colour codes take no width. */
public final class Table {
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

  private final List<String> headers;
  private final boolean showHeader;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(boolean showHeader, String... headers) {
    this.headers = List.of(headers);
    this.showHeader = showHeader;
  }

  public static Table of(String... headers) {
    return new Table(true, headers);
  }

  static Table withoutHeader(String... headers) {
    return new Table(false, headers);
  }

  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("expected " + headers.size() + " cells: " + cells.length);
    }
    rows.add(Arrays.stream(cells).map(c -> c == null ? "-" : c.toString()).toList());
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(PrintWriter out, Output output) {
    int[] widths = new int[headers.size()];
    List<List<String>> all = new ArrayList<>();
    if (showHeader) {
      all.add(headers);
    }
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], width(row.get(i)));
      }
    }
    boolean header = showHeader;
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        boolean last = i == row.size() - 1;
        line.append(header ? output.bold(cell) : cell);
        if (!last) {
          line.append(" ".repeat(widths[i] - width(cell) + 2));
        }
      }
      out.println(line.toString().stripTrailing());
      header = false;
    }
  }

  private static int width(String cell) {
    return ANSI.matcher(cell).replaceAll("").length();
  }
}
