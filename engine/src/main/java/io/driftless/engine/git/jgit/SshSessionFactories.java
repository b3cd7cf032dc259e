package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.git.PinnedHostKeys;
import io.driftless.engine.git.SshAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * The SSH client of one source for JGit: its private key and pinned host keys, both held in memory.
 * Nothing of the server user's own SSH setup is used: no ~/.ssh/config, no default identities, no
 * agent, no user known_hosts.
 */
final class SshSessionFactories {
  private SshSessionFactories() {}

  /**
   * A session factory for {@code auth}; for a source without an SSH key it offers no key and trusts
   * no host, so an ssh:// URL fails with a clear authentication error.
   *
   * @param homeDir an empty per-source directory; JGit needs one, nothing is read from or written
   *     to it
   * @throws IllegalArgumentException when the key or known_hosts cannot be read; the message never
   *     contains the key or passphrase
   */
  static SshdSessionFactory of(GitAuth auth, Path homeDir) throws IOException {
    Files.createDirectories(homeDir);
    try {
      Files.setPosixFilePermissions(homeDir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the directory holds nothing anyway
    }
    List<KeyPair> keys;
    ServerKeyDatabase hostKeys;
    if (auth instanceof GitAuth.SshKey sshKey) {
      keys =
          SshAccess.keyPairs(
              sshKey.privateKey().reveal().getBytes(StandardCharsets.UTF_8), sshKey.passphrase());
      hostKeys = new PinnedHostKeys(sshKey.knownHosts());
    } else {
      keys = List.of();
      hostKeys = PinnedHostKeys.none();
    }
    return new SshdSessionFactoryBuilder()
        .setHomeDirectory(homeDir.toFile())
        .setSshDirectory(homeDir.toFile())
        .setConfigFile(dir -> null)
        .setConfigStoreFactory((home, file, user) -> null)
        .setDefaultIdentities(dir -> List.of())
        .setDefaultKnownHostsFiles(dir -> List.of())
        .setDefaultKeysProvider(dir -> keys)
        .setPreferredAuthentications("publickey")
        .setServerKeyDatabase((home, dir) -> hostKeys)
        .build(null);
  }
}
