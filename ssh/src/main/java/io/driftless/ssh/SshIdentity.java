package io.driftless.ssh;

import io.driftless.engine.domain.Secret;
import io.driftless.engine.git.SshAccess;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * Who to log in as, and the private key to prove it, read once into memory. {@link #toString()}
 * shows the user and the public key's fingerprint, never the key.
 */
public final class SshIdentity {
  private final String user;
  private final List<KeyPair> keys;

  private SshIdentity(String user, List<KeyPair> keys) {
    this.user = user;
    this.keys = keys;
  }

  /**
   * @param privateKey an OpenSSH or PEM private key text (an {@code ssh-key} credential's key)
   * @param passphrase the key's passphrase, or null when it is not encrypted
   * @throws IllegalArgumentException when the user name is not usable
   * @throws SshKeyException when the key cannot be read; the message never quotes it
   */
  public static SshIdentity of(String user, byte[] privateKey, Secret passphrase) {
    checkUser(user);
    if (privateKey == null || privateKey.length == 0) {
      throw new SshKeyException("the SSH private key is empty");
    }
    try {
      return new SshIdentity(user, SshAccess.keyPairs(privateKey, passphrase));
    } catch (IllegalArgumentException e) {
      throw new SshKeyException(e.getMessage());
    }
  }

  private static void checkUser(String user) {
    if (user == null || user.isEmpty()) {
      throw new IllegalArgumentException("user must not be empty");
    }
    if (user.length() > 64 || user.startsWith("-")) {
      throw new IllegalArgumentException("user '" + user + "' is not a valid login name");
    }
    for (int i = 0; i < user.length(); i++) {
      char c = user.charAt(i);
      if (c <= ' ' || c == 0x7f || c == '@' || c == ':' || c == '/') {
        throw new IllegalArgumentException(
            "user '" + user + "' must not contain spaces, control characters, '@', ':' or '/'");
      }
    }
  }

  public String user() {
    return user;
  }

  /** The SHA-256 fingerprint of the (first) public key, e.g. for a message or an audit entry. */
  public String fingerprint() {
    return KeyUtils.getFingerPrint(keys.get(0).getPublic());
  }

  List<KeyPair> keyPairs() {
    return keys;
  }

  @Override
  public String toString() {
    return "SshIdentity[user=" + user + ", key=" + fingerprint() + "]";
  }
}
