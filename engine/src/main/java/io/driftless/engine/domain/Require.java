package io.driftless.engine.domain;

/** The checks that records make of their text components in their compact constructors. */
public final class Require {
  private Require() {}

  /**
   * {@code value}, when it has text; else an {@link IllegalArgumentException} with {@code message}.
   */
  public static String text(String value, String message) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(message);
    }
    return value;
  }
}
