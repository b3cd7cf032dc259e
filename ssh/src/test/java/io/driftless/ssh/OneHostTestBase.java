package io.driftless.ssh;

import io.driftless.ssh.testing.Sshd;
import io.driftless.ssh.testing.TestSshKey;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real OpenSSH server that authorizes {@code key}, and a session with it: the fixture of the
 * tests that work on a single host. Each test gets its own server; {@code root} is its files.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class OneHostTestBase {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path tmp;
  TestSshKey key;
  Sshd sshd;
  SshSessions sessions;
  SshSession session;
  RemotePath root;

  /** The sessions' connect and operation timeouts; {@link #TIMEOUT} both unless a test says. */
  SshTimeouts timeouts() {
    return new SshTimeouts(TIMEOUT, TIMEOUT);
  }

  @BeforeEach
  void startHost() throws Exception {
    key = TestSshKey.generate(tmp.resolve("keys"), "deploy");
    sshd = Sshd.start(tmp.resolve("host"), key);
    sessions = sshd.sessions(key, timeouts());
    session = sessions.session(sshd.host());
    root = sshd.remoteRoot();
  }

  @AfterEach
  void stopHost() {
    sessions.close();
    sshd.close();
  }
}
