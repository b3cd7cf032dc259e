package io.driftless.engine.domain;

import java.util.regex.Pattern;

/** The rule shared by every registered name: DNS-label-like, so it is safe in URLs and paths. */
final class Name {
  static final int MAX_LENGTH = 63;
  private static final Pattern VALID = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  private Name() {}

  static String check(String kind, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(kind + " name is required");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          kind + " name is longer than " + MAX_LENGTH + " characters: " + value);
    }
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          kind
              + " name must be lower-case letters, digits and '-', starting and ending with a"
              + " letter or digit: "
              + value);
    }
    return value;
  }
}
