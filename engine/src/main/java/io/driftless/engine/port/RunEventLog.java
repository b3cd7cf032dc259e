package io.driftless.engine.port;

import io.driftless.engine.port.query.StoredEvent;
import java.util.List;

/**
 * Run events appended by every replica and polled by every replica, in id order. The payload is
 * opaque here: the server writes and reads it.
 */
public interface RunEventLog {

  /** Stores an event; returns its id, greater than every id before it. */
  long append(StoredEvent event);

  /** Events with an id above {@code id}, oldest first, at most {@code limit}. */
  List<StoredEvent> after(long id, int limit);

  /** The id of the newest event; 0 when there is none. */
  long newestId();

  /** Deletes events older than {@code cutoff}; returns how many. */
  int forgetBefore(java.time.Instant cutoff);
}
