package io.driftless.storage.jdbi;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.storage.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * When each event of an environment was last sent to each target, so that every replica together
 * sends the same event at most once per quiet period.
 */
public final class NotificationSends {
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
    InvalidInputException.checkLength("event", event, 32);
    InvalidInputException.checkLength("target", target, 64);
    Instant now = Sql.micros(clock.instant());
    Instant cutoff = now.minus(quietPeriod);
    int updated =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE notification_sends SET sent_at = :now WHERE environment = :env"
                            + " AND event = :event AND target = :target AND sent_at <= :cutoff")
                    .bind("now", now)
                    .bind("cutoff", cutoff)
                    .bind("env", environment.value())
                    .bind("event", event)
                    .bind("target", target)
                    .execute());
    if (updated == 1) {
      return true;
    }
    try {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO notification_sends (environment, event, target, sent_at)"
                          + " VALUES (:env, :event, :target, :now)")
                  .bind("env", environment.value())
                  .bind("event", event)
                  .bind("target", target)
                  .bind("now", now)
                  .execute());
      return true;
    } catch (JdbiException e) {
      if (Sql.isUniqueViolation(e)) {
        return false; // sent within the period, or claimed by another replica just now
      }
      throw e;
    }
  }

  /** Forgets sends older than {@code cutoff}; returns how many. */
  public int forgetBefore(Instant cutoff) {
    return jdbi.withHandle(
        h ->
            h.createUpdate("DELETE FROM notification_sends WHERE sent_at < :cutoff")
                .bind("cutoff", cutoff)
                .execute());
  }
}
