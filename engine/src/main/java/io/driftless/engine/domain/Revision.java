package io.driftless.engine.domain;

import java.util.regex.Pattern;

/** A full commit id (40 lower-case hex digits). */
public record Revision(String value) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{40}");

  public Revision {
    if (value == null || !HEX.matcher(value).matches()) {
      throw new IllegalArgumentException("revision must be a full 40-digit commit id: " + value);
    }
  }

  public static Revision of(String value) {
    return new Revision(value);
  }

  public static boolean isFullId(String value) {
    return value != null && HEX.matcher(value).matches();
  }

  public String shortId() {
    return value.substring(0, 8);
  }

  @Override
  public String toString() {
    return value;
  }
}
