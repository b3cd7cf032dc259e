package io.driftless.engine.domain;

import io.driftless.engine.glob.Glob;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Per-environment variables, substituted as {@code ${NAME}} only in files whose path matches one of
 * {@code filePatterns} ({@link Glob}s such as {@code *.conf} or {@code config/**}; no {@code !}
 * negation); other files are copied byte for byte, since nginx, shell and systemd files use {@code
 * ${...}} themselves.
 */
public record Variables(Map<String, String> values, List<String> filePatterns) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public Variables {
    values =
        values == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    filePatterns = filePatterns == null ? List.of() : List.copyOf(filePatterns);
    for (String name : values.keySet()) {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "variable name must be letters, digits and '_', not starting with a digit: " + name);
      }
    }
    for (String pattern : filePatterns) {
      if (pattern == null || pattern.isBlank()) {
        throw new IllegalArgumentException("variable file pattern must not be blank");
      }
      try {
        Glob.compile(pattern);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "variable file pattern '" + pattern + "' is invalid: " + e.getMessage(), e);
      }
    }
  }

  public static Variables none() {
    return new Variables(Map.of(), List.of());
  }

  public boolean isEmpty() {
    return filePatterns.isEmpty();
  }
}
