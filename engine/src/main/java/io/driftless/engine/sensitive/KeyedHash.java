package io.driftless.engine.sensitive;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under a secret key: how sensitive values are compared and identified. Unlike a plain
 * content hash, its value tells nothing about a short or guessable secret to whoever lacks the key.
 * Thread-safe.
 */
public final class KeyedHash {
  private static final String ALGORITHM = "HmacSHA256";
  static final int MIN_KEY_BYTES = 32;

  private final SecretKeySpec key;

  private KeyedHash(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /**
   * A keyed hash whose key is derived from the server's secrets key for one purpose, so the secrets
   * key itself is never used for two things.
   *
   * @param serverKey the server's secrets key (at least 32 bytes)
   * @param purpose what the derived key is for, e.g. {@code sensitive-values}
   */
  public static KeyedHash derived(byte[] serverKey, String purpose) {
    Objects.requireNonNull(serverKey, "serverKey");
    if (serverKey.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("the key must be at least " + MIN_KEY_BYTES + " bytes");
    }
    return new KeyedHash(
        mac(new SecretKeySpec(serverKey, ALGORITHM), bytes("driftless/" + purpose)));
  }

  /** The keyed hash of {@code data}, in hex. */
  public String of(byte[] data) {
    return HexFormat.of().formatHex(mac(key, data));
  }

  /** Whether two values are equal, compared by their keyed hashes in constant time. */
  public boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(mac(key, a), mac(key, b));
  }

  private static byte[] mac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is required by every Java runtime", e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "KeyedHash[HMAC-SHA256]";
  }
}
