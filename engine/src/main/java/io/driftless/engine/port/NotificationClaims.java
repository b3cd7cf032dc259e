package io.driftless.engine.port;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The quiet period of notifications, shared by the replicas: who sends what, and when. */
public interface NotificationClaims {

  /**
   * Claims the right to send {@code event} of {@code environment} to {@code target} now: true when
   * it was never sent or last sent at least {@code quietPeriod} ago, and then the send time is now;
   * false otherwise, and nothing changes. Atomic across replicas.
   */
  default boolean claim(
      EnvironmentName environment, String event, String target, Duration quietPeriod) {
    return claimAt(environment, event, target, quietPeriod).isPresent();
  }

  /**
   * As {@link #claim}, returning the send time the claim wrote (what {@link #release} takes), or
   * empty when the quiet period holds.
   */
  Optional<Instant> claimAt(
      EnvironmentName environment, String event, String target, Duration quietPeriod);

  /**
   * Gives back the claim made at {@code claimedAt} (a delivery that failed every attempt sent
   * nothing): the next event is sent at once. A newer claim, made since by another delivery, stays.
   *
   * @return whether the claim was still there to release
   */
  boolean release(EnvironmentName environment, String event, String target, Instant claimedAt);

  /**
   * Claims the announcement that {@code environment} recovered from the failed run {@code
   * failedRun}: true once per failed run, on whichever replica asks first, and false for a failure
   * older than one already announced.
   */
  boolean claimRecovery(EnvironmentName environment, RunId failedRun);

  /** Forgets sends older than {@code cutoff}; returns how many. */
  int forgetBefore(Instant cutoff);
}
