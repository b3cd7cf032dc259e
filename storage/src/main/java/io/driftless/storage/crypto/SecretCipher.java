package io.driftless.storage.crypto;

import io.driftless.engine.sensitive.KeyedHash;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM. A ciphertext reads {@code v1:<base64(nonce ||
 * ciphertext+tag)>}; the associated data names what the value is (e.g. {@code source.auth}), so a
 * ciphertext copied into another column does not decrypt.
 */
public final class SecretCipher {
  public static final int KEY_BYTES = 32;
  private static final String PREFIX = "v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  public SecretCipher(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("the encryption key must be " + KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /** A keyed hash under a key derived from this one for {@code purpose}. */
  public KeyedHash keyedHash(String purpose) {
    return KeyedHash.derived(key.getEncoded(), purpose);
  }

  public String encrypt(String plaintext, String purpose) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
      return PREFIX + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required by every Java runtime", e);
    }
  }

  /** Decrypts; fails when the key differs from the one that encrypted or the value was altered. */
  public String decrypt(String ciphertext, String purpose) {
    if (ciphertext == null || !ciphertext.startsWith(PREFIX)) {
      throw new SecretDecryptionException("stored secret has an unknown format", null);
    }
    byte[] raw = Base64.getDecoder().decode(ciphertext.substring(PREFIX.length()));
    if (raw.length <= NONCE_BYTES) {
      throw new SecretDecryptionException("stored secret is truncated", null);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
      cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new SecretDecryptionException(
          "a stored secret does not decrypt: is this the key it was written with?", e);
    }
  }
}
