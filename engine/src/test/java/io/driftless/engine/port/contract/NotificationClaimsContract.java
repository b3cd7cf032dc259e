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

    assertThat(failureClaim(env, "t1")).isTrue();
    assertThat(failureClaim(env, "t1")).isFalse();
    clock.advance(Duration.ofMinutes(4));
    assertThat(failureClaim(env, "t1")).isFalse();
    clock.advance(Duration.ofMinutes(1));
    assertThat(failureClaim(env, "t1")).isTrue();
    assertThat(failureClaim(env, "t1")).isFalse();
  }

  @Test
  void eventsTargetsAndEnvironmentsAreClaimedApart() {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));
    EnvironmentName other = EnvironmentName.of(Fixtures.unique("env"));

    assertThat(failureClaim(env, "t1")).isTrue();
    assertThat(stores.notificationClaims().claim(env, "drift.detected", "t1", QUIET)).isTrue();
    assertThat(failureClaim(env, "t2")).isTrue();
    assertThat(failureClaim(other, "t1")).isTrue();
    assertThat(failureClaim(env, "t1")).isFalse();
  }

  @Test
  void concurrentClaimsLetExactlyOneThrough() throws Exception {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));
    // Once for a new row (the key decides), once for an expired one (the condition decides).
    for (int round = 0; round < 2; round++) {
      assertThat(Fixtures.winners(8, () -> failureClaim(env, "t")))
          .as("round " + round)
          .isEqualTo(1);
      clock.advance(QUIET);
    }
  }

  @Test
  void aReleasedClaimLetsTheNextEventThroughAtOnce() {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));
    Instant claimed = failureClaimedAt(env, "t1");
    assertThat(failureClaim(env, "t1")).isFalse();

    clock.advance(Duration.ofSeconds(30)); // the delivery's attempts failed meanwhile
    assertThat(releaseFailure(env, "t1", claimed)).isTrue();
    assertThat(releaseFailure(env, "t1", claimed)).isFalse();

    assertThat(failureClaim(env, "t1")).isTrue();
    assertThat(failureClaim(env, "t1")).isFalse();
  }

  @Test
  void releasingAnOldClaimLeavesANewerOne() {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));
    Instant first = failureClaimedAt(env, "t1");
    clock.advance(QUIET);
    Instant second = failureClaimedAt(env, "t1");
    assertThat(second).isAfter(first);

    assertThat(releaseFailure(env, "t1", first)).isFalse();
    assertThat(failureClaim(env, "t1")).isFalse();
    // Other events and targets are untouched by a release.
    assertThat(failureClaim(env, "t2")).isTrue();
    assertThat(releaseFailure(env, "t1", second)).isTrue();
    assertThat(failureClaim(env, "t2")).isFalse();
  }

  @Test
  void aRecoveryIsClaimedOncePerFailureAndNeverForAnOlderOne() {
    EnvironmentName env = EnvironmentName.of(Fixtures.unique("env"));
    EnvironmentName other = EnvironmentName.of(Fixtures.unique("env"));

    assertThat(recoveryClaim(env, 5)).isTrue();
    assertThat(recoveryClaim(env, 5)).isFalse();
    assertThat(recoveryClaim(env, 3)).isFalse();
    assertThat(recoveryClaim(other, 5)).isTrue();
    assertThat(recoveryClaim(env, 7)).isTrue();
    assertThat(recoveryClaim(env, 7)).isFalse();
    // Not a quiet period: a day later the same failure is still announced.
    clock.advance(Duration.ofDays(2));
    stores.notificationClaims().forgetBefore(clock.instant());
    assertThat(recoveryClaim(env, 7)).isFalse();
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

  /** Claims the run.failed notification of {@code env} to {@code target}, quiet for 5 minutes. */
  private boolean failureClaim(EnvironmentName env, String target) {
    return stores.notificationClaims().claim(env, "run.failed", target, QUIET);
  }

  /** As {@link #failureClaim}, which must succeed; returns when the claim was made. */
  private Instant failureClaimedAt(EnvironmentName env, String target) {
    return stores.notificationClaims().claimAt(env, "run.failed", target, QUIET).orElseThrow();
  }

  private boolean releaseFailure(EnvironmentName env, String target, Instant claimedAt) {
    return stores.notificationClaims().release(env, "run.failed", target, claimedAt);
  }

  private boolean recoveryClaim(EnvironmentName env, long failedRun) {
    return stores.notificationClaims().claimRecovery(env, new RunId(failedRun));
  }
}
