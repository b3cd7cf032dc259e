package io.driftless.engine.domain;

import java.util.Objects;

/** A credential or webhook secret. Its {@link #toString()} never shows the value. */
public record Secret(String value) {
  public Secret {
    Objects.requireNonNull(value, "secret value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("secret must not be empty");
    }
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The value; the only way to read it, so every use is easy to find. */
  public String reveal() {
    return value;
  }

  @Override
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return "Secret[****]";
  }
}
