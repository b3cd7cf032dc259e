package io.driftless.engine.secrets;

import io.driftless.engine.domain.Credential;
import io.driftless.engine.git.SshAccess;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * The public parts of a credential, which listings may show: the recipients of an age identity, the
 * fingerprints of PGP keys (as SOPS writes them in {@code fp}) and of SSH keys (as {@code
 * ssh-keygen -l} prints them, {@code SHA256:...}). Computing them reads the secret, so a credential
 * whose secret is not a usable key is refused here, before it is stored.
 */
public final class CredentialKeys {
  private CredentialKeys() {}

  /**
   * The public parts of {@code credential}; empty for a token or a password.
   *
   * @throws IllegalArgumentException when the secret is not a usable key; the message names what is
   *     wrong and never contains the secret
   */
  public static List<String> publicKeys(Credential credential) {
    if (credential instanceof Credential.AgeIdentity age) {
      List<String> recipients =
          AgeIdentity.parse(age.identity().reveal()).stream().map(AgeIdentity::recipient).toList();
      return nonEmpty(recipients, "the age identity file holds no identity");
    }
    if (credential instanceof Credential.PgpKey pgp) {
      List<String> fingerprints =
          PgpIdentity.parse(pgp.privateKey().reveal()).stream()
              .map(PgpIdentity::fingerprint)
              .toList();
      return nonEmpty(fingerprints, "no PGP private key block (BEGIN PGP PRIVATE KEY BLOCK)");
    }
    if (credential instanceof Credential.SshKey ssh) {
      List<KeyPair> pairs =
          SshAccess.keyPairs(
              ssh.privateKey().reveal().getBytes(StandardCharsets.UTF_8), ssh.passphrase());
      return pairs.stream().map(p -> KeyUtils.getFingerPrint(p.getPublic())).distinct().toList();
    }
    return List.of();
  }

  private static List<String> nonEmpty(List<String> keys, String emptyMessage) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(emptyMessage);
    }
    return List.copyOf(keys);
  }
}
