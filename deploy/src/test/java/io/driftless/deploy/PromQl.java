package io.driftless.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects. Not a parser: strings, label matchers, ranges and
 * grouping label lists are blanked out, and what remains is a metric name unless it calls a
 * function or is a keyword.
 */
final class PromQl {
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "atan2",
          "inf",
          "nan");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![A-Za-z0-9_:.$])[A-Za-z_:][A-Za-z0-9_:]*");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("^\\s*label_values\\(\\s*(.+?)\\s*,\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)\\s*$");

  private PromQl() {}

  static Set<String> metricNames(String expression) {
    String s = expression;
    s = s.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    s = s.replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''");
    s = s.replaceAll("`[^`]*`", "``");
    s = s.replaceAll("#[^\n]*", " ");
    s = s.replaceAll("\\{[^}]*\\}", " ");
    s = s.replaceAll("\\[[^\\]]*\\]", " ");
    s = GROUPING.matcher(s).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String token = m.group();
      if (KEYWORDS.contains(token.toLowerCase(java.util.Locale.ROOT))
          || s.substring(m.end()).matches("(?s)\\s*\\(.*")) {
        continue;
      }
      names.add(token);
    }
    return names;
  }

  /** The metric of a Grafana {@code label_values(metric, label)} variable query, else its names. */
  static Set<String> grafanaVariableMetricNames(String query) {
    Matcher m = LABEL_VALUES.matcher(query);
    return m.matches() ? metricNames(m.group(1)) : metricNames(query);
  }
}
