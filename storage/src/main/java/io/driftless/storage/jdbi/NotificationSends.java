package io.driftless.storage.jdbi;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotificationClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * When each event of an environment was last sent to each target, so that every replica together
 * sends the same event at most once per quiet period; and which failure's recovery was announced,
 * so that it is announced once.
 */
public final class NotificationSends implements NotificationClaims {
  private final Jdbi jdbi;
  private final Clock clock;

  public NotificationSends(Jdbi jdbi, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * Claims the right to send {@code event} of {@code environment} to {@code target} now: true when
   * it was never sent or last sent at least {@code quietPeriod} ago, and then the send time is now;
   * false otherwise, and nothing changes. Atomic across replicas: a conditional update decides an
   * existing row, the primary key a new one.
   */
  public boolean claim(
      EnvironmentName environment, String event, String target, Duration quietPeriod) {
    return claimAt(environment, event, target, quietPeriod).isPresent();
  }

  /**
   * As {@link #claim}, returning the send time the claim wrote (what {@link #release} takes), or
   * empty when the quiet period holds.
   */
  public Optional<Instant> claimAt(
      EnvironmentName environment, String event, String target, Duration quietPeriod) {
    InvalidInputException.checkLength("event", event, 32);
    InvalidInputException.checkLength("target", target, 64);
    Instant now = Sql.micros(clock.instant());
    Instant cutoff = now.minus(quietPeriod);
    Map<String, Object> key =
        Map.of("env", environment.value(), "event", event, "target", target, "now", now);
    boolean claimed =
        Sql.updateOrInsert(
            jdbi,
            h ->
                h.createUpdate(
                        "UPDATE notification_sends SET sent_at = :now WHERE environment = :env"
                            + " AND event = :event AND target = :target AND sent_at <= :cutoff")
                    .bindMap(key)
                    .bind("cutoff", cutoff)
                    .execute(),
            h ->
                h.createUpdate(
                        "INSERT INTO notification_sends (environment, event, target, sent_at)"
                            + " VALUES (:env, :event, :target, :now)")
                    .bindMap(key)
                    .execute());
    // Not claimed: sent within the period, or claimed by another replica just now.
    return claimed ? Optional.of(now) : Optional.empty();
  }

  /**
   * Gives back the claim made at {@code claimedAt} (a delivery that failed every attempt sent
   * nothing): the next event is sent at once. A newer claim, made since by another delivery, stays.
   *
   * @return whether the claim was still there to release
   */
  public boolean release(
      EnvironmentName environment, String event, String target, Instant claimedAt) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "DELETE FROM notification_sends WHERE environment = :env AND event ="
                            + " :event AND target = :target AND sent_at = :at")
                    .bind("env", environment.value())
                    .bind("event", event)
                    .bind("target", target)
                    .bind("at", claimedAt)
                    .execute())
        == 1;
  }

  /**
   * Claims the announcement that {@code environment} recovered from the failed run {@code
   * failedRun}: true once per failed run, on whichever replica asks first, and false for a failure
   * older than one already announced. Atomic like {@link #claim}.
   */
  public boolean claimRecovery(EnvironmentName environment, RunId failedRun) {
    Map<String, Object> row = Map.of("env", environment.value(), "run", failedRun.value());
    // Not written: announced already, or a newer failure was.
    return Sql.updateOrInsert(
        jdbi,
        h ->
            h.createUpdate(
                    "UPDATE notification_recoveries SET failed_run = :run WHERE environment ="
                        + " :env AND failed_run < :run")
                .bindMap(row)
                .execute(),
        h ->
            h.createUpdate(
                    "INSERT INTO notification_recoveries (environment, failed_run) VALUES (:env,"
                        + " :run)")
                .bindMap(row)
                .execute());
  }

  /** Forgets sends older than {@code cutoff}; returns how many. */
  public int forgetBefore(Instant cutoff) {
    return Sql.deleteBefore(jdbi, "notification_sends", "sent_at", cutoff);
  }
}
