package io.driftless.engine.port.memory;

import io.driftless.engine.port.RunEventLog;
import io.driftless.engine.port.query.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Run events in memory, in id order. */
public final class MemoryRunEvents implements RunEventLog {
  private final List<StoredEvent> events = new ArrayList<>();
  private long nextId = 1;

  @Override
  public synchronized long append(StoredEvent event) {
    long id = nextId++;
    events.add(
        new StoredEvent(
            id, event.at(), event.type(), event.environment(), event.run(), event.data()));
    return id;
  }

  @Override
  public synchronized List<StoredEvent> after(long id, int limit) {
    return events.stream().filter(e -> e.id() > id).limit(limit).toList();
  }

  @Override
  public synchronized long newestId() {
    return events.isEmpty() ? 0 : events.get(events.size() - 1).id();
  }

  @Override
  public synchronized int forgetBefore(Instant cutoff) {
    return Retention.removeBefore(events, StoredEvent::at, cutoff);
  }
}
