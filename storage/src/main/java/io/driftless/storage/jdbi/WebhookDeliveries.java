package io.driftless.storage.jdbi;

import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.DeliveryLog;
import io.driftless.engine.port.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Delivery ids (and body hashes) of webhooks already received, so that a redelivery is dropped; and
 * the newest update time of each pull request's events, so that an older one is.
 */
public final class WebhookDeliveries implements DeliveryLog {
  private final Jdbi jdbi;
  private final Clock clock;

  public WebhookDeliveries(Jdbi jdbi, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * Records a delivery; true the first time this provider's delivery id is seen, false for a
   * duplicate. Safe across replicas: the primary key decides.
   */
  public boolean firstDelivery(String provider, String deliveryId) {
    InvalidInputException.checkLength("provider", provider, 32);
    InvalidInputException.checkLength("deliveryId", deliveryId, 255);
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Instant now = Sql.micros(clock.instant());
    return Sql.insertUnlessTaken(
        jdbi,
        h ->
            h.createUpdate(
                    "INSERT INTO webhook_deliveries (provider, delivery_id, received_at) VALUES"
                        + " (:provider, :id, :now)")
                .bind("provider", provider)
                .bind("id", deliveryId)
                .bind("now", now)
                .execute());
  }

  /**
   * Records that a pull request of {@code source} changed at {@code updatedAt} (the host's time);
   * true when no event of it newer than that was recorded before, false when this one is older. An
   * event at the same time counts as current. Safe across replicas: a row is only moved forward.
   */
  public boolean newestPullRequestEvent(SourceName source, long pr, Instant updatedAt) {
    Objects.requireNonNull(source, "source");
    Instant at = Sql.micros(updatedAt);
    for (int attempt = 0; attempt < 2; attempt++) {
      int moved =
          jdbi.withHandle(
              h ->
                  h.createUpdate(
                          "UPDATE pull_request_event_order SET updated_at = :at WHERE pr = :pr AND"
                              + " updated_at <= :at AND source_id = (SELECT id FROM sources WHERE"
                              + " name = :source)")
                      .bind("at", at)
                      .bind("pr", pr)
                      .bind("source", source.value())
                      .execute());
      if (moved > 0) {
        return true;
      }
      try {
        int inserted =
            jdbi.withHandle(
                h ->
                    h.createUpdate(
                            "INSERT INTO pull_request_event_order (source_id, pr, updated_at)"
                                + " SELECT id, :pr, :at FROM sources WHERE name = :source")
                        .bind("at", at)
                        .bind("pr", pr)
                        .bind("source", source.value())
                        .execute());
        return inserted > 0;
      } catch (JdbiException e) {
        if (!Sql.isUniqueViolation(e)) {
          throw e;
        }
        // Another replica recorded this pull request meanwhile: compare with its time.
      }
    }
    return false;
  }

  /** Forgets deliveries received before {@code cutoff}; returns how many. */
  public int forgetBefore(Instant cutoff) {
    return Sql.deleteBefore(jdbi, "webhook_deliveries", "received_at", cutoff);
  }
}
