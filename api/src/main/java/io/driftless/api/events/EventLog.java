package io.driftless.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.engine.port.RunEventLog;
import io.driftless.engine.port.query.StoredEvent;
import java.time.Instant;
import java.util.List;

/**
 * Run events as JSON on the store's {@link RunEventLog}: appended by every replica, polled by every
 * replica.
 */
public final class EventLog {
  private final RunEventLog store;
  private final ObjectMapper json;

  public EventLog(RunEventLog store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  /** Stores an event; returns its id. */
  public long append(RunEvent event) {
    return store.append(
        new StoredEvent(
            0, event.at(), event.type(), event.environment(), event.run(), write(event.withId(0))));
  }

  /** Events with an id above {@code id}, oldest first, at most {@code limit}. */
  public List<RunEvent> after(long id, int limit) {
    return store.after(id, limit).stream().map(e -> read(e.data()).withId(e.id())).toList();
  }

  /** The id of the newest event; 0 when there is none. */
  public long newestId() {
    return store.newestId();
  }

  /** Deletes events older than {@code cutoff}; returns how many. */
  public int forgetBefore(Instant cutoff) {
    return store.forgetBefore(cutoff);
  }

  private String write(RunEvent event) {
    try {
      return json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write event", e);
    }
  }

  private RunEvent read(String data) {
    try {
      return json.readValue(data, RunEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read event", e);
    }
  }
}
