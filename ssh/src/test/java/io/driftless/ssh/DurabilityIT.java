package io.driftless.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftless.ssh.testing.Sshd;
import io.driftless.ssh.testing.TestSshKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What OpenSSH's sftp-server does on the host for a staged write, a rename and a directory sync,
 * seen in its system calls: durability cannot be observed any other way without crashing a machine.
 * Skipped where strace is not installed.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DurabilityIT {
  private static final Path STRACE = Path.of("/usr/bin/strace");

  @TempDir Path tmp;

  @Test
  void aReplacedFileAndItsDirectoryReachStableStorage() throws Exception {
    assumeTrue(Files.isExecutable(STRACE), "strace is not installed");
    Path trace = tmp.resolve("sftp-server.trace");
    TestSshKey key = TestSshKey.generate(tmp.resolve("keys"), "deploy");
    Sshd sshd =
        Sshd.in(tmp.resolve("host"))
            .authorize(key)
            .sftpServer(
                STRACE
                    + " -f -e trace=openat,fsync,rename,renameat,renameat2 -o "
                    + trace
                    + " /usr/lib/openssh/sftp-server")
            .start();
    try (sshd;
        SshSessions sessions =
            sshd.sessions(key, new SshTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)))) {
      RemoteFiles files = sessions.session(sshd.host()).files();
      RemotePath root = sshd.remoteRoot();

      assertThat(files.writeNew(root.child("staged"), new byte[] {1, 2, 3}, 0644).synced())
          .isTrue();
      files.rename(root.child("staged"), root.child("final"));
      assertThat(files.syncDirectory(root)).isTrue();
    }

    List<String> calls =
        Files.readAllLines(trace).stream()
            .filter(line -> line.contains(sshd.root().toString()) || line.contains("fsync("))
            .map(
                line ->
                    line.replaceFirst("^\\d+ +", "")
                        .replace(sshd.root().toString(), "ROOT")
                        .replaceAll("\\s+", " "))
            .toList();
    assertThat(calls)
        .containsSubsequence(
            "openat(AT_FDCWD, \"ROOT/staged\", O_WRONLY|O_CREAT|O_EXCL, 0666) = 3",
            "fsync(3) = 0",
            "rename(\"ROOT/staged\", \"ROOT/final\") = 0",
            "openat(AT_FDCWD, \"ROOT\", O_RDONLY) = 3",
            "fsync(3) = 0");
  }
}
