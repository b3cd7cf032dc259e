package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.storage.testing.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.NotificationSends} against a real database. */
public abstract class NotificationSendsContractTest extends StorageTestBase {
  private static final Duration QUIET = Duration.ofMinutes(5);

  @Test
  void anEventIsClaimedOncePerQuietPeriod() {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));

    assertThat(storage.notificationSends().claim(env, "run.failed", "t1", QUIET)).isTrue();
    assertThat(storage.notificationSends().claim(env, "run.failed", "t1", QUIET)).isFalse();
    clock.advance(Duration.ofMinutes(4));
    assertThat(storage.notificationSends().claim(env, "run.failed", "t1", QUIET)).isFalse();
    clock.advance(Duration.ofMinutes(1));
    assertThat(storage.notificationSends().claim(env, "run.failed", "t1", QUIET)).isTrue();
    assertThat(storage.notificationSends().claim(env, "run.failed", "t1", QUIET)).isFalse();
  }

  @Test
  void eventsTargetsAndEnvironmentsAreClaimedApart() {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));
    EnvironmentName other = EnvironmentName.of(Fixtures.unique("env"));

    assertThat(storage.notificationSends().claim(env, "run.failed", "t1", QUIET)).isTrue();
    assertThat(storage.notificationSends().claim(env, "drift.detected", "t1", QUIET)).isTrue();
    assertThat(storage.notificationSends().claim(env, "run.failed", "t2", QUIET)).isTrue();
    assertThat(storage.notificationSends().claim(other, "run.failed", "t1", QUIET)).isTrue();
    assertThat(storage.notificationSends().claim(env, "run.failed", "t1", QUIET)).isFalse();
  }

  @Test
  void concurrentClaimsLetExactlyOneThrough() throws Exception {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));
    // Once for a new row (the key decides), once for an expired one (the condition decides).
    for (int round = 0; round < 2; round++) {
      int threads = 8;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          Callable<Boolean> claim =
              () -> {
                start.await();
                return storage.notificationSends().claim(env, "run.failed", "t", QUIET);
              };
          claims.add(pool.submit(claim));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> f : claims) {
          won += f.get() ? 1 : 0;
        }
        assertThat(won).as("round " + round).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
      clock.advance(QUIET);
    }
  }

  @Test
  void forgottenSendsCanBeClaimedAgain() {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));
    storage.notificationSends().claim(env, "environment.unpin", "t1", QUIET);
    clock.advance(Duration.ofDays(2));

    assertThat(storage.notificationSends().forgetBefore(clock.instant().minus(Duration.ofDays(1))))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            storage.notificationSends().claim(env, "environment.unpin", "t1", Duration.ofDays(30)))
        .isTrue();
  }
}
