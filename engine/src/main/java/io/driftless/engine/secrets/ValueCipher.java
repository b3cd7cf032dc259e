package io.driftless.engine.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One SOPS value: {@code ENC[AES256_GCM,data:...,iv:...,tag:...,type:...]}, AES-256-GCM under the
 * file's data key with a 32-byte nonce, authenticated with additional data (the value's key path
 * joined by {@code :} plus a trailing {@code :}, or the {@code lastmodified} time for the MAC).
 */
final class ValueCipher {
  private static final Pattern ENC =
      Pattern.compile(
          "ENC\\[AES256_GCM,data:([A-Za-z0-9+/=]+),iv:([A-Za-z0-9+/=]+),"
              + "tag:([A-Za-z0-9+/=]+),type:([a-z0-9]+)]");
  private static final int NONCE_BYTES = 32;
  private static final int TAG_BYTES = 16;

  /** A decrypted value: its bytes and the SOPS type it was encrypted as. */
  record Plain(byte[] bytes, String type) {}

  /** Thrown when a value does not authenticate: changed, moved, or another file's key. */
  static final class NotAuthentic extends Exception {
    NotAuthentic() {
      super("value does not authenticate", null, false, false);
    }
  }

  private final byte[] key;
  private final SecureRandom random;

  ValueCipher(byte[] key, SecureRandom random) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a SOPS data key has 32 bytes");
    }
    this.key = key.clone();
    this.random = random;
  }

  static boolean looksEncrypted(String value) {
    return ENC.matcher(value).matches();
  }

  String encrypt(byte[] plaintext, String type, String additionalData) {
    byte[] iv = new byte[NONCE_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BYTES * 8, iv));
      cipher.updateAAD(additionalData.getBytes(StandardCharsets.UTF_8));
      byte[] out = cipher.doFinal(plaintext);
      Base64.Encoder b64 = Base64.getEncoder();
      return "ENC[AES256_GCM,data:"
          + b64.encodeToString(Arrays.copyOf(out, out.length - TAG_BYTES))
          + ",iv:"
          + b64.encodeToString(iv)
          + ",tag:"
          + b64.encodeToString(Arrays.copyOfRange(out, out.length - TAG_BYTES, out.length))
          + ",type:"
          + type
          + "]";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * @return null when {@code value} is not in the ENC[...] form
   * @throws NotAuthentic when it is, and does not decrypt under this key and additional data
   */
  Plain decrypt(String value, String additionalData) throws NotAuthentic {
    Matcher m = ENC.matcher(value);
    if (!m.matches()) {
      return null;
    }
    byte[] data;
    byte[] iv;
    byte[] tag;
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      data = b64.decode(m.group(1));
      iv = b64.decode(m.group(2));
      tag = b64.decode(m.group(3));
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (tag.length != TAG_BYTES || iv.length == 0) {
      return null;
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      cipher.updateAAD(additionalData.getBytes(StandardCharsets.UTF_8));
      byte[] joined = Arrays.copyOf(data, data.length + tag.length);
      System.arraycopy(tag, 0, joined, data.length, tag.length);
      return new Plain(cipher.doFinal(joined), m.group(4));
    } catch (AEADBadTagException e) {
      throw new NotAuthentic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }
}
