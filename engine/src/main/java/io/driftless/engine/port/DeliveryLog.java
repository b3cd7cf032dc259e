package io.driftless.engine.port;

import java.time.Instant;

/** The webhook deliveries seen, so that a redelivered one is not acted on twice. */
public interface DeliveryLog {

  /**
   * Records a delivery; true the first time this provider's delivery id is seen, false for a
   * duplicate. Safe across replicas.
   */
  boolean firstDelivery(String provider, String deliveryId);

  /** Forgets deliveries received before {@code cutoff}; returns how many. */
  int forgetBefore(Instant cutoff);
}
