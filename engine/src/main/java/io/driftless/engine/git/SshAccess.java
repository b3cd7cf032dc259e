package io.driftless.engine.git;

import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * The SSH client setup of one source: its private key and pinned host keys, both held in memory.
 * Nothing of the server user's own SSH setup is used: no ~/.ssh/config, no default identities, no
 * agent, no user known_hosts. {@link #keyPairs(byte[], Secret)} is shared with the ssh target.
 */
public final class SshAccess {
  private SshAccess() {}

  /**
   * A session factory for {@code auth}; for a source without an SSH key it offers no key and trusts
   * no host, so an ssh:// URL fails with a clear authentication error.
   *
   * @param homeDir an empty per-source directory; JGit needs one, nothing is read from or written
   *     to it
   * @throws IllegalArgumentException when the key or known_hosts cannot be read; the message never
   *     contains the key or passphrase
   */
  static SshdSessionFactory sessionFactory(GitAuth auth, Path homeDir) throws IOException {
    Files.createDirectories(homeDir);
    try {
      Files.setPosixFilePermissions(homeDir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the directory holds nothing anyway
    }
    List<KeyPair> keys;
    PinnedHostKeys hostKeys;
    if (auth instanceof GitAuth.SshKey sshKey) {
      keys = keyPairs(sshKey);
      hostKeys = new PinnedHostKeys(sshKey.knownHosts());
    } else {
      keys = List.of();
      hostKeys = null;
    }
    PinnedHostKeys pinned = hostKeys;
    return new SshdSessionFactoryBuilder()
        .setHomeDirectory(homeDir.toFile())
        .setSshDirectory(homeDir.toFile())
        .setConfigFile(dir -> null)
        .setConfigStoreFactory((home, file, user) -> null)
        .setDefaultIdentities(dir -> List.of())
        .setDefaultKnownHostsFiles(dir -> List.of())
        .setDefaultKeysProvider(dir -> keys)
        .setPreferredAuthentications("publickey")
        .setServerKeyDatabase((home, dir) -> pinned == null ? new TrustNoHost() : pinned)
        .build(null);
  }

  private static List<KeyPair> keyPairs(GitAuth.SshKey sshKey) {
    return keyPairs(
        sshKey.privateKey().reveal().getBytes(StandardCharsets.UTF_8), sshKey.passphrase());
  }

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

  /** For sources without an SSH key: no host is trusted. */
  private static final class TrustNoHost implements ServerKeyDatabase {
    @Override
    public List<PublicKey> lookup(
        String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
      return List.of();
    }

    @Override
    public boolean accept(
        String connectAddress,
        InetSocketAddress remoteAddress,
        PublicKey serverKey,
        Configuration config,
        CredentialsProvider provider) {
      return false;
    }
  }
}
