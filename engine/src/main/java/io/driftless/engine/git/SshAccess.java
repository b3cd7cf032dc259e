package io.driftless.engine.git;

import io.driftless.engine.domain.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * SSH private keys as the product reads them, held in memory only: the Git mirror's SSH sessions
 * (with {@link PinnedHostKeys}) and the ssh target share it, so both accept the same key formats
 * and report an unreadable key the same way, without its text.
 */
public final class SshAccess {
  private SshAccess() {}

  /**
   * The key pairs of a private key text: OpenSSH ({@code BEGIN OPENSSH PRIVATE KEY}) or PEM
   * (PKCS#1, PKCS#8, SEC1), encrypted or not.
   *
   * @param passphrase null for an unencrypted key
   * @throws IllegalArgumentException when the text holds no readable key; the message never
   *     contains the key or the passphrase, and carries no cause that could
   */
  public static List<KeyPair> keyPairs(byte[] privateKey, Secret passphrase) {
    FilePasswordProvider password =
        passphrase == null
            ? FilePasswordProvider.EMPTY
            : FilePasswordProvider.of(passphrase.reveal());
    List<KeyPair> keys = new ArrayList<>();
    try {
      Iterable<KeyPair> loaded =
          SecurityUtils.loadKeyPairIdentities(
              null,
              NamedResource.ofName("private key"),
              new ByteArrayInputStream(privateKey),
              password);
      if (loaded != null) {
        loaded.forEach(keys::add);
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // The parser's message may quote the key material, so it is not passed on.
      throw new IllegalArgumentException(
          "the SSH private key could not be read (wrong passphrase or unsupported format: "
              + e.getClass().getSimpleName()
              + ")");
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("the SSH private key text holds no key");
    }
    return List.copyOf(keys);
  }
}
