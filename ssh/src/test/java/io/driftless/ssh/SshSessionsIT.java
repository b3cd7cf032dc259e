package io.driftless.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftless.engine.git.PinnedHostKeys;
import io.driftless.ssh.testing.Sshd;
import io.driftless.ssh.testing.TestSshKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Sessions with real OpenSSH servers: pinned host keys, key login, reuse, hosts that die. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SshSessionsIT {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path tmp;

  private TestSshKey deployKey;
  private Sshd web1;
  private SshSessions sessions;

  @BeforeEach
  void start() throws IOException {
    deployKey = TestSshKey.generate(tmp.resolve("keys"), "deploy");
    web1 = Sshd.start(tmp.resolve("web1"), deployKey);
  }

  @AfterEach
  void stop() {
    if (sessions != null) {
      sessions.close();
    }
    web1.close();
  }

  @Test
  void connectsWithThePinnedKeyAndRunsTrue() throws Exception {
    sessions = sessions(deployKey, web1.knownHostsLine());

    ExecResult result = sessions.session(web1.host()).exec(List.of("true"), COMMAND_TIMEOUT, 1024);

    assertThat(result.succeeded()).isTrue();
    assertThat(result.exitCode()).isZero();
    assertThat(web1.log()).contains("Accepted publickey for " + web1.user());
  }

  @Test
  void anUnknownHostKeyFailsThatHostBeforeLoggingIn() throws Exception {
    Sshd other = Sshd.start(tmp.resolve("other"), deployKey);
    try {
      // Only the other host is pinned; web1's key, though valid, was never pinned for web1.
      sessions = sessions(deployKey, other.knownHostsLine());
      String offered = fingerprintOf(web1);

      assertThatThrownBy(() -> sessions.session(web1.host()))
          .isInstanceOfSatisfying(
              HostKeyException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(HostKeyException.Reason.UNKNOWN_HOST);
                assertThat(e.host()).isEqualTo(web1.host());
                assertThat(e.fingerprint()).isEqualTo(offered);
                assertThat(e.keyType()).isEqualTo("ssh-ed25519");
                assertThat(e.code()).isEqualTo("ssh.host_key");
                assertThat(e.details()).containsEntry("host", web1.host().toString());
              })
          .hasMessageContaining(web1.host().toString())
          .hasMessageContaining(offered)
          .hasMessageContaining("never trusted on first use");
      assertNothingHappenedOn(web1);
    } finally {
      other.close();
    }
  }

  @Test
  void aChangedHostKeyFailsThatHostNamingBothKeys() throws Exception {
    String pinned = web1.knownHostsLine();
    String oldFingerprint = fingerprintOf(web1);
    web1.replaceHostKey();
    String offered = fingerprintOf(web1);
    sessions = sessions(deployKey, pinned);

    assertThatThrownBy(() -> sessions.session(web1.host()))
        .isInstanceOfSatisfying(
            HostKeyException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(HostKeyException.Reason.CHANGED);
              assertThat(e.fingerprint()).isEqualTo(offered).isNotEqualTo(oldFingerprint);
            })
        .hasMessageContaining("host key of " + web1.host() + " has changed")
        .hasMessageContaining(offered)
        .hasMessageContaining(oldFingerprint);
    assertNothingHappenedOn(web1);
  }

  @Test
  void aRevokedHostKeyIsRefusedEvenWhenAlsoPinned() throws Exception {
    String line = web1.knownHostsLine();
    String revoked = "@revoked * " + line.substring(line.indexOf(' ') + 1);
    sessions = sessions(deployKey, line + "\n" + revoked + "\n");

    assertThatThrownBy(() -> sessions.session(web1.host()))
        .isInstanceOfSatisfying(
            HostKeyException.class,
            e -> assertThat(e.reason()).isEqualTo(HostKeyException.Reason.REVOKED));
    assertNothingHappenedOn(web1);
  }

  @Test
  void aUserKeyTheHostDoesNotKnowIsAnAuthError() throws Exception {
    TestSshKey stranger = TestSshKey.generate(tmp.resolve("keys"), "stranger");
    sessions = sessions(stranger, web1.knownHostsLine());

    assertThatThrownBy(() -> sessions.session(web1.host()))
        .isInstanceOfSatisfying(
            SshAuthException.class,
            e -> {
              assertThat(e.code()).isEqualTo("ssh.auth");
              assertThat(e.user()).isEqualTo(web1.user());
            })
        .hasMessageContaining(web1.host().toString())
        .hasMessageContaining(stranger.fingerprint())
        .hasMessageContaining("'" + web1.user() + "'");
    assertNothingHappenedOn(web1);
  }

  @Test
  void aPortWithNoServerIsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    sessions = sessions(deployKey, web1.knownHostsLine());
    SshHost nowhere = new SshHost("127.0.0.1", closedPort);

    assertThatThrownBy(() -> sessions.session(nowhere))
        .isInstanceOf(HostUnreachableException.class)
        .hasMessageContaining("127.0.0.1:" + closedPort)
        .hasMessageContaining("refused");
  }

  @Test
  void oneConnectionPerHostServesTheWholeRun() throws Exception {
    Sshd web2 = Sshd.start(tmp.resolve("web2"), deployKey);
    Sshd web3 = Sshd.start(tmp.resolve("web3"), deployKey);
    try {
      sessions =
          sessions(
              deployKey,
              String.join(
                  "\n", web1.knownHostsLine(), web2.knownHostsLine(), web3.knownHostsLine()));
      for (int round = 0; round < 3; round++) {
        for (Sshd host : List.of(web1, web2, web3)) {
          SshSession session = sessions.session(host.host());
          assertThat(session.exec(List.of("true"), COMMAND_TIMEOUT, 64).succeeded()).isTrue();
          RemotePath file = host.remoteRoot().child("f" + round);
          session.files().writeNew(file, new byte[] {1}, 0644);
          assertThat(session.files().lstat(file)).isPresent();
        }
      }

      assertThat(sessions.connectionsOpened()).isEqualTo(3);
      for (Sshd host : List.of(web1, web2, web3)) {
        assertThat(host.connectionsAccepted()).as(host.host().toString()).isEqualTo(1);
      }
    } finally {
      web2.close();
      web3.close();
    }
  }

  @Test
  void aHostThatDiedIsReconnectedOnTheNextSessionCall() throws Exception {
    sessions = sessions(deployKey, web1.knownHostsLine());
    SshSession first = sessions.session(web1.host());
    first.exec(List.of("true"), COMMAND_TIMEOUT, 64);

    web1.restart();

    assertThatThrownBy(() -> first.exec(List.of("true"), COMMAND_TIMEOUT, 64))
        .isInstanceOf(RemoteHostException.class);
    SshSession second = sessions.session(web1.host());
    assertThat(second).isNotSameAs(first);
    assertThat(second.exec(List.of("true"), COMMAND_TIMEOUT, 64).succeeded()).isTrue();
    assertThat(sessions.connectionsOpened()).isEqualTo(2);
  }

  @Test
  void reachesAHostOverIpv6() throws Exception {
    assumeTrue(Sshd.ipv6Loopback(), "this machine has no ::1");
    Sshd v6 = Sshd.in(tmp.resolve("v6")).authorize(deployKey).ipv6().start();
    try {
      sessions = sessions(deployKey, v6.knownHostsLine());

      SshSession session = sessions.session(SshHost.parse("[::1]:" + v6.port()));

      assertThat(session.exec(List.of("true"), COMMAND_TIMEOUT, 64).succeeded()).isTrue();
      assertThat(v6.log()).contains("Connection from ::1");
    } finally {
      v6.close();
    }
  }

  private SshSessions sessions(TestSshKey key, String knownHosts) {
    return new SshSessions(
        SshIdentity.of(web1.user(), key.privateKey(), null),
        new PinnedHostKeys(knownHosts),
        new SshTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)));
  }

  private static String fingerprintOf(Sshd sshd) throws IOException {
    return sshd.hostKeyFingerprint();
  }

  /** No login, no session, and the host's files untouched. */
  private static void assertNothingHappenedOn(Sshd sshd) throws IOException {
    assertThat(sshd.log()).doesNotContain("Accepted publickey").doesNotContain("Starting session");
    try (Stream<Path> files = Files.list(sshd.root())) {
      assertThat(files).isEmpty();
    }
  }
}
