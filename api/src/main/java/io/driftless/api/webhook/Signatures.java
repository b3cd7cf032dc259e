package io.driftless.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The two ways Git hosts prove a delivery: an HMAC of the body, or the secret itself. */
final class Signatures {
  private Signatures() {}

  /** Whether {@code hex} is the HMAC-SHA256 of {@code body} under {@code secret}. */
  static boolean hmacSha256Matches(String secret, byte[] body, String hex) {
    if (hex == null) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hex.trim().toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmacSha256(secret, body), given);
  }

  /**
   * Whether a token sent in clear (GitLab's) equals the secret. Both are hashed first so that the
   * comparison takes the same time whatever their lengths.
   */
  static boolean tokenMatches(String secret, String token) {
    if (token == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(secret), sha256(token));
  }

  static byte[] hmacSha256(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  static String hmacSha256Hex(String secret, byte[] body) {
    return HexFormat.of().formatHex(hmacSha256(secret, body));
  }

  /** The SHA-256 of a delivery's body, in hex: the key that recognizes a replayed body. */
  static String sha256Hex(byte[] body) {
    return HexFormat.of().formatHex(sha256(body));
  }

  private static byte[] sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
