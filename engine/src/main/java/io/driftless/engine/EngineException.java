package io.driftless.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The root of every domain failure the engine reports. Each failure has its own subclass, so that
 * the server maps them to HTTP statuses in one place and a run records a typed error, not a log
 * line. A subclass only says which code and details its failure carries; this class holds them.
 */
public abstract class EngineException extends RuntimeException {
  private final String code;
  private final Map<String, String> details;

  protected EngineException(String code, String message, Map<String, String> details) {
    this(code, message, details, null);
  }

  /**
   * @param code the stable code of this kind of failure, e.g. {@code git.auth}
   * @param details what helps the operator fix the cause; its order is kept, null means none
   */
  protected EngineException(
      String code, String message, Map<String, String> details, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.details =
        details == null || details.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /**
   * A new map of details in the order given, as key, value, key, value...; a pair whose value is
   * null (not known for this failure) is left out.
   */
  protected static Map<String, String> detailsOf(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("details come in key, value pairs");
    }
    Map<String, String> details = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        details.put(keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return details;
  }

  /** A stable, machine-readable code for this failure, e.g. {@code git.auth}. */
  public final String code() {
    return code;
  }

  /** Structured details (file, line, ref, ...) that help the operator fix the cause. */
  public final Map<String, String> details() {
    return details;
  }
}
