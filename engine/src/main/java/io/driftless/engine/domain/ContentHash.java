package io.driftless.engine.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a resource's content: the Git blob id (SHA-1 over {@code "blob <size>\0"} and the
 * bytes). Using Git's own id means desired content read from a tree needs no hashing, and a live
 * file hashes to the same value as its blob.
 */
public record ContentHash(String value) {
  public ContentHash {
    if (value == null || !Revision.isFullId(value)) {
      throw new IllegalArgumentException("content hash must be 40 hex digits: " + value);
    }
  }

  public static ContentHash of(String value) {
    return new ContentHash(value);
  }

  /** The Git blob id of these bytes. */
  public static ContentHash ofBytes(byte[] bytes) {
    MessageDigest sha1 = sha1();
    sha1.update(
        ("blob " + bytes.length + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    sha1.update(bytes);
    return new ContentHash(HexFormat.of().formatHex(sha1.digest()));
  }

  static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
