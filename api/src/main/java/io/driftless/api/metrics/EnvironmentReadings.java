package io.driftless.api.metrics;

import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.query.EnvironmentReading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-environment figures that listings do not carry (managed resources, the time of the last
 * success), asked of the catalog and cached for a second so that one scrape reads once.
 */
final class EnvironmentReadings {
  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReadings.class);
  private static final Duration FRESH = Duration.ofSeconds(1);

  /** One environment's figures; {@code lastSuccess} null when it never succeeded. */
  record Reading(long resources, Instant lastSuccess) {}

  private final EnvironmentCatalog environments;
  private final Clock clock;
  private Map<String, Reading> cached = Map.of();
  private Instant readAt = Instant.MIN;

  EnvironmentReadings(EnvironmentCatalog environments, Clock clock) {
    this.environments = environments;
    this.clock = clock;
  }

  /** By environment name; empty when the store does not answer (the scrape goes on). */
  synchronized Map<String, Reading> current() {
    Instant now = clock.instant();
    if (Duration.between(readAt, now).compareTo(FRESH) < 0) {
      return cached;
    }
    try {
      cached = read();
    } catch (RuntimeException e) {
      LOG.warn("cannot read environment metrics: {}", e.toString());
      cached = Map.of();
    }
    readAt = now;
    return cached;
  }

  /** Reads every environment's figures now. */
  Map<String, Reading> read() {
    Map<String, Reading> read = new HashMap<>();
    for (EnvironmentReading r : environments.readings()) {
      read.put(r.environment().value(), new Reading(r.resources(), r.lastSuccess()));
    }
    return read;
  }
}
