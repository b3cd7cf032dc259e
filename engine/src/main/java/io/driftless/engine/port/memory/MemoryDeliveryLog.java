package io.driftless.engine.port.memory;

import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.DeliveryLog;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.SourceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Webhook delivery ids in memory, with the time each was received, and the newest update time of
 * each pull request's events.
 */
public final class MemoryDeliveryLog implements DeliveryLog {
  private record PullRequest(SourceName source, long pr) {}

  private final Clock clock;
  private final SourceStore sources;
  private final Map<String, Instant> received = new HashMap<>();
  private final Map<PullRequest, Instant> newest = new HashMap<>();

  /** {@code sources} says which sources exist. */
  public MemoryDeliveryLog(SourceStore sources, Clock clock) {
    this.sources = Objects.requireNonNull(sources, "sources");
    this.clock = clock;
  }

  @Override
  public synchronized boolean firstDelivery(String provider, String deliveryId) {
    InvalidInputException.checkLength("provider", provider, 32);
    InvalidInputException.checkLength("deliveryId", deliveryId, 255);
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(deliveryId, "deliveryId");
    return received.putIfAbsent(provider + "\n" + deliveryId, clock.instant()) == null;
  }

  @Override
  public synchronized boolean newestPullRequestEvent(
      SourceName source, long pr, Instant updatedAt) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (sources.find(source).isEmpty()) {
      return false;
    }
    PullRequest key = new PullRequest(source, pr);
    Instant seen = newest.get(key);
    if (seen != null && seen.isAfter(updatedAt)) {
      return false;
    }
    newest.put(key, updatedAt);
    return true;
  }

  @Override
  public synchronized int forgetBefore(Instant cutoff) {
    return Retention.removeBefore(received.values(), at -> at, cutoff);
  }
}
