package io.driftless.engine.render;

import java.util.Map;

/**
 * Replaces {@code ${NAME}} with the environment's variable; {@code $${} stands for a literal
 * {@code ${}. An undefined or unterminated variable fails with the file and line.
 */
final class VariableSubstitution {
  private VariableSubstitution() {}

  static String apply(String file, String text, Map<String, String> values) {
    StringBuilder out = new StringBuilder(text.length() + 64);
    int line = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      }
      if (c == '$' && i + 2 < n && text.charAt(i + 1) == '$' && text.charAt(i + 2) == '{') {
        out.append("${");
        i += 3;
        continue;
      }
      if (c == '$' && i + 1 < n && text.charAt(i + 1) == '{') {
        int end = text.indexOf('}', i + 2);
        int newline = text.indexOf('\n', i + 2);
        if (end < 0 || (newline >= 0 && newline < end)) {
          throw new RenderException(file, line, "unterminated '${' (write '$${' for a literal)");
        }
        String name = text.substring(i + 2, end);
        String value = values.get(name);
        if (value == null) {
          throw new RenderException(
              file, line, "undefined variable '" + name + "' (write '$${' for a literal '${')");
        }
        out.append(value);
        i = end + 1;
        continue;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }
}
