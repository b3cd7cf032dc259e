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
 *
 * <p>{@code from} names SOPS files (dotenv, YAML or JSON, paths inside the environment's path)
 * whose decrypted top-level values are variables too (over {@code values} of the same name): a file
 * into which such a value is substituted is decrypted content, hashed with a key and never shown or
 * stored substituted. The files it names are inputs, not resources of the environment.
 */
public record Variables(Map<String, String> values, List<String> filePatterns, List<String> from) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public Variables {
    values =
        values == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    filePatterns = filePatterns == null ? List.of() : List.copyOf(filePatterns);
    from = from == null ? List.of() : List.copyOf(from);
    for (String name : values.keySet()) {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "variable name must be letters, digits and '_', not starting with a digit: " + name);
      }
    }
    for (String pattern : filePatterns) {
      Require.text(pattern, "variable file pattern must not be blank");
      try {
        Glob.compile(pattern);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "variable file pattern '" + pattern + "' is invalid: " + e.getMessage(), e);
      }
    }
    for (String path : from) {
      if (path == null
          || path.isBlank()
          || path.startsWith("/")
          || path.contains("\\")
          || java.util.Arrays.stream(path.split("/", -1))
              .anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
        throw new IllegalArgumentException(
            "variables from: '"
                + path
                + "' must be a relative path inside the environment's path (no '.', '..' or"
                + " empty segments)");
      }
    }
  }

  public Variables(Map<String, String> values, List<String> filePatterns) {
    this(values, filePatterns, List.of());
  }

  public static Variables none() {
    return new Variables(Map.of(), List.of());
  }

  /** The same, with {@code more} over the values of the same name. */
  public Variables plus(Map<String, String> more) {
    Map<String, String> all = new TreeMap<>(values);
    all.putAll(more);
    return new Variables(all, filePatterns, from);
  }

  public boolean isEmpty() {
    return filePatterns.isEmpty();
  }
}
