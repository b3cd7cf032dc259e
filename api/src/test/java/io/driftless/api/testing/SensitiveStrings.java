package io.driftless.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Random 40-character values made by a test, and the check that a text holds none of them: not as
 * they are, not in base64 (as a Kubernetes Secret's data holds them) and not in hex.
 */
public final class SensitiveStrings {
  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<String> values = new ArrayList<>();

  /** A new random value of 40 letters and digits, remembered for {@link #assertNoneIn}. */
  public String next() {
    StringBuilder value = new StringBuilder(40);
    for (int i = 0; i < 40; i++) {
      value.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    values.add(value.toString());
    return value.toString();
  }

  public static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  /** Fails naming {@code where} when {@code text} holds any value made so far, or its encodings. */
  public void assertNoneIn(String text, String where) {
    for (String value : values) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      for (String form :
          List.of(
              value,
              base64(value),
              HexFormat.of().formatHex(bytes),
              HexFormat.of().withUpperCase().formatHex(bytes))) {
        assertThat(text).as("%s holds a sensitive value", where).doesNotContain(form);
      }
    }
  }
}
