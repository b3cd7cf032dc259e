package io.driftless.storage.jdbi;

import io.driftless.engine.port.DeliveryLog;
import io.driftless.engine.port.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** Delivery ids of webhooks already received, so that a redelivery is dropped. */
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
    try {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO webhook_deliveries (provider, delivery_id, received_at) VALUES"
                          + " (:provider, :id, :now)")
                  .bind("provider", provider)
                  .bind("id", deliveryId)
                  .bind("now", now)
                  .execute());
      return true;
    } catch (JdbiException e) {
      if (Sql.isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  /** Forgets deliveries received before {@code cutoff}; returns how many. */
  public int forgetBefore(Instant cutoff) {
    return jdbi.withHandle(
        h ->
            h.createUpdate("DELETE FROM webhook_deliveries WHERE received_at < :cutoff")
                .bind("cutoff", cutoff)
                .execute());
  }
}
