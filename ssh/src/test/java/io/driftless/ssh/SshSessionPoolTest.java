package io.driftless.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.git.PinnedHostKeys;
import io.driftless.ssh.testing.TestSshKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which runs share kept sessions, and when they are closed; no host is reached here. */
class SshSessionPoolTest {
  private static final String PINS =
      "web1.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n";

  @TempDir Path tmp;
  private final List<SshSessions> opened = new ArrayList<>();

  @Test
  void runsWithTheSameLoginShareSessionsAndAnyDifferenceOpensOthers() throws Exception {
    SshIdentity deploy = identity("deploy", "a");
    SshIdentity rotated = identity("deploy", "b");
    try (SshSessionPool pool = new SshSessionPool(Duration.ofMinutes(1))) {
      SshSessionPool.Lease first = lease(pool, deploy, PINS);
      first.close();
      try (SshSessionPool.Lease again = lease(pool, deploy, PINS);
          SshSessionPool.Lease otherKey = lease(pool, rotated, PINS);
          SshSessionPool.Lease otherPins = lease(pool, deploy, PINS + PINS)) {
        assertThat(again.sessions()).isSameAs(first.sessions());
        assertThat(otherKey.sessions()).isNotSameAs(first.sessions());
        assertThat(otherPins.sessions()).isNotSameAs(first.sessions());
        assertThat(pool.size()).isEqualTo(3);
      }
    }
    // Closing the pool (server shutdown) closes what no run holds.
    assertThatThrownBy(() -> opened.get(0).session(SshHost.parse("web1.example.com")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void sessionsNoRunUsedForTheIdleTimeAreClosed() throws Exception {
    SshIdentity deploy = identity("deploy", "a");
    try (SshSessionPool pool = new SshSessionPool(Duration.ofMillis(100))) {
      SshSessionPool.Lease held = lease(pool, deploy, PINS);
      SshSessionPool.Lease other = lease(pool, deploy, PINS);
      held.close();
      Thread.sleep(300);
      assertThat(pool.size()).as("still leased by another run").isEqualTo(1);

      other.close();
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (pool.size() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }

      assertThat(pool.size()).isZero();
      assertThatThrownBy(() -> held.sessions().session(SshHost.parse("web1.example.com")))
          .isInstanceOf(IllegalStateException.class);
      assertThat(lease(pool, deploy, PINS).sessions()).isNotSameAs(held.sessions());
    }
  }

  private SshIdentity identity(String user, String name) throws Exception {
    return SshIdentity.of(user, TestSshKey.generate(tmp, name).privateKey(), null);
  }

  private SshSessionPool.Lease lease(SshSessionPool pool, SshIdentity identity, String pins) {
    SshTimeouts timeouts = SshTimeouts.DEFAULT;
    return pool.lease(
        SshSessionPool.Key.of(identity, pins, timeouts),
        () -> {
          SshSessions sessions = new SshSessions(identity, new PinnedHostKeys(pins), timeouts);
          opened.add(sessions);
          return sessions;
        });
  }
}
