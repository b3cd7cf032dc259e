package io.driftless.api.events;

import io.dropwizard.util.Duration;

/**
 * The event stream.
 *
 * @param pollInterval how often each replica reads new events from the database
 * @param retention how long events are kept, so a client can resume with {@code Last-Event-ID}
 * @param keepAlive how often an idle stream gets a comment: keeps proxies from closing it, and a
 *     client that went away is noticed at the second comment it does not take
 */
public record EventsConfig(Duration pollInterval, Duration retention, Duration keepAlive) {
  public EventsConfig {
    pollInterval = pollInterval == null ? Duration.milliseconds(500) : pollInterval;
    retention = retention == null ? Duration.hours(24) : retention;
    keepAlive = keepAlive == null ? Duration.seconds(15) : keepAlive;
    if (pollInterval.toMilliseconds() < 10) {
      throw new IllegalArgumentException("events.pollInterval must be at least 10ms");
    }
    if (retention.toMinutes() < 1) {
      throw new IllegalArgumentException("events.retention must be at least 1 minute");
    }
    if (keepAlive.toMilliseconds() < 100) {
      throw new IllegalArgumentException("events.keepAlive must be at least 100ms");
    }
  }

  public static EventsConfig defaults() {
    return new EventsConfig(null, null, null);
  }
}
