package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.driftless.engine.port.NotificationClaims}, for every store that
 * implements it.
 */
public abstract class NotificationClaimsContract extends StoresContract {

  private static final Duration QUIET = Duration.ofMinutes(5);

  @Test
  void anEventIsClaimedOncePerQuietPeriod() {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));

    assertThat(stores.notificationClaims().claim(env, "run.failed", "t1", QUIET)).isTrue();
    assertThat(stores.notificationClaims().claim(env, "run.failed", "t1", QUIET)).isFalse();
    clock.advance(Duration.ofMinutes(4));
    assertThat(stores.notificationClaims().claim(env, "run.failed", "t1", QUIET)).isFalse();
    clock.advance(Duration.ofMinutes(1));
    assertThat(stores.notificationClaims().claim(env, "run.failed", "t1", QUIET)).isTrue();
    assertThat(stores.notificationClaims().claim(env, "run.failed", "t1", QUIET)).isFalse();
  }

  @Test
  void eventsTargetsAndEnvironmentsAreClaimedApart() {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));
    EnvironmentName other = EnvironmentName.of(Fixtures.unique("env"));

    assertThat(stores.notificationClaims().claim(env, "run.failed", "t1", QUIET)).isTrue();
    assertThat(stores.notificationClaims().claim(env, "drift.detected", "t1", QUIET)).isTrue();
    assertThat(stores.notificationClaims().claim(env, "run.failed", "t2", QUIET)).isTrue();
    assertThat(stores.notificationClaims().claim(other, "run.failed", "t1", QUIET)).isTrue();
    assertThat(stores.notificationClaims().claim(env, "run.failed", "t1", QUIET)).isFalse();
  }

  @Test
  void concurrentClaimsLetExactlyOneThrough() throws Exception {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));
    // Once for a new row (the key decides), once for an expired one (the condition decides).
    for (int round = 0; round < 2; round++) {
      assertThat(
              Fixtures.winners(
                  8, () -> stores.notificationClaims().claim(env, "run.failed", "t", QUIET)))
          .as("round " + round)
          .isEqualTo(1);
      clock.advance(QUIET);
    }
  }

  @Test
  void aReleasedClaimLetsTheNextEventThroughAtOnce() {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));
    Instant claimed =
        stores.notificationClaims().claimAt(env, "run.failed", "t1", QUIET).orElseThrow();
    assertThat(stores.notificationClaims().claim(env, "run.failed", "t1", QUIET)).isFalse();

    clock.advance(Duration.ofSeconds(30)); // the delivery's attempts failed meanwhile
    assertThat(stores.notificationClaims().release(env, "run.failed", "t1", claimed)).isTrue();
    assertThat(stores.notificationClaims().release(env, "run.failed", "t1", claimed)).isFalse();

    assertThat(stores.notificationClaims().claim(env, "run.failed", "t1", QUIET)).isTrue();
    assertThat(stores.notificationClaims().claim(env, "run.failed", "t1", QUIET)).isFalse();
  }

  @Test
  void releasingAnOldClaimLeavesANewerOne() {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));
    Instant first =
        stores.notificationClaims().claimAt(env, "run.failed", "t1", QUIET).orElseThrow();
    clock.advance(QUIET);
    Instant second =
        stores.notificationClaims().claimAt(env, "run.failed", "t1", QUIET).orElseThrow();
    assertThat(second).isAfter(first);

    assertThat(stores.notificationClaims().release(env, "run.failed", "t1", first)).isFalse();
    assertThat(stores.notificationClaims().claim(env, "run.failed", "t1", QUIET)).isFalse();
    // Other events and targets are untouched by a release.
    assertThat(stores.notificationClaims().claim(env, "run.failed", "t2", QUIET)).isTrue();
    assertThat(stores.notificationClaims().release(env, "run.failed", "t1", second)).isTrue();
    assertThat(stores.notificationClaims().claim(env, "run.failed", "t2", QUIET)).isFalse();
  }

  @Test
  void aRecoveryIsClaimedOncePerFailureAndNeverForAnOlderOne() {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));
    EnvironmentName other = EnvironmentName.of(Fixtures.unique("env"));

    assertThat(stores.notificationClaims().claimRecovery(env, new RunId(5))).isTrue();
    assertThat(stores.notificationClaims().claimRecovery(env, new RunId(5))).isFalse();
    assertThat(stores.notificationClaims().claimRecovery(env, new RunId(3))).isFalse();
    assertThat(stores.notificationClaims().claimRecovery(other, new RunId(5))).isTrue();
    assertThat(stores.notificationClaims().claimRecovery(env, new RunId(7))).isTrue();
    assertThat(stores.notificationClaims().claimRecovery(env, new RunId(7))).isFalse();
    // Not a quiet period: a day later the same failure is still announced.
    clock.advance(Duration.ofDays(2));
    stores.notificationClaims().forgetBefore(clock.instant());
    assertThat(stores.notificationClaims().claimRecovery(env, new RunId(7))).isFalse();
  }

  @Test
  void concurrentRecoveryClaimsLetExactlyOneThrough() throws Exception {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));
    // Once for a new row (the key decides), once for a newer failure (the condition decides).
    for (long failed : new long[] {10, 11}) {
      RunId run = new RunId(failed);
      assertThat(Fixtures.winners(8, () -> stores.notificationClaims().claimRecovery(env, run)))
          .as("failed run " + failed)
          .isEqualTo(1);
    }
  }

  @Test
  void forgottenSendsCanBeClaimedAgain() {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));
    stores.notificationClaims().claim(env, "environment.unpin", "t1", QUIET);
    clock.advance(Duration.ofDays(2));

    assertThat(stores.notificationClaims().forgetBefore(clock.instant().minus(Duration.ofDays(1))))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            stores.notificationClaims().claim(env, "environment.unpin", "t1", Duration.ofDays(30)))
        .isTrue();
  }
}
