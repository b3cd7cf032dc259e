package io.driftless.engine.port.memory;

import io.driftless.engine.port.DeliveryLog;
import io.driftless.engine.port.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Webhook delivery ids in memory, with the time each was received. */
public final class MemoryDeliveryLog implements DeliveryLog {
  private final Clock clock;
  private final Map<String, Instant> received = new HashMap<>();

  public MemoryDeliveryLog(Clock clock) {
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
  public synchronized int forgetBefore(Instant cutoff) {
    int before = received.size();
    received.values().removeIf(at -> at.isBefore(cutoff));
    return before - received.size();
  }
}
