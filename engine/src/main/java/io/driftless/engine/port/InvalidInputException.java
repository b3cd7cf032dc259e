package io.driftless.engine.port;

import java.util.Map;

/** A value the database cannot hold as given, e.g. longer than its column. */
public final class InvalidInputException extends StoreException {
  public InvalidInputException(String message, Map<String, String> details) {
    super("invalid_input", message, details);
  }

  /** Refuses {@code value} when it is longer than {@code max} characters. */
  public static String checkLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new InvalidInputException(
          field + " is longer than " + max + " characters",
          Map.of("field", field, "max", Integer.toString(max)));
    }
    return value;
  }
}
