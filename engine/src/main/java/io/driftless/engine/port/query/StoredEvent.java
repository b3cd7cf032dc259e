package io.driftless.engine.port.query;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored run event: what the event log filters on, and the payload the server wrote.
 *
 * @param id 0 before it is stored
 * @param run the run's id, or null for an event about no run
 * @param data the event as the server serialised it
 */
public record StoredEvent(
    long id, Instant at, String type, String environment, Long run, String data) {
  public StoredEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(data, "data");
  }
}
