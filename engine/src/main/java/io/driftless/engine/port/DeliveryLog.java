package io.driftless.engine.port;

import io.driftless.engine.domain.SourceName;
import java.time.Instant;

/** The webhook deliveries seen, so that a redelivered one is not acted on twice. */
public interface DeliveryLog {

  /**
   * Records a delivery; true the first time this provider's delivery id is seen, false for a
   * duplicate. Safe across replicas.
   */
  boolean firstDelivery(String provider, String deliveryId);

  /**
   * Records that a pull request of {@code source} changed at {@code updatedAt} (the host's time);
   * true when no event of it newer than that was recorded before, false when this one is older or
   * the source is unknown. An event at the same time counts as current. Safe across replicas.
   */
  boolean newestPullRequestEvent(SourceName source, long pr, Instant updatedAt);

  /** Forgets deliveries received before {@code cutoff}; returns how many. */
  int forgetBefore(Instant cutoff);
}
