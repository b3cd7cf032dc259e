package io.driftless.engine.port.memory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * When each entry of a memory catalog was registered and last changed, in the microseconds a
 * database keeps: what the catalogs' views show as {@code createdAt} and {@code updatedAt}.
 */
final class Timestamps<K> {
  private record Times(Instant createdAt, Instant updatedAt) {}

  private final Clock clock;
  private final Map<K, Times> times = new HashMap<>();

  Timestamps(Clock clock) {
    this.clock = clock;
  }

  void created(K key) {
    Instant now = now();
    times.put(key, new Times(now, now));
  }

  void updated(K key) {
    times.put(key, new Times(times.get(key).createdAt(), now()));
  }

  void remove(K key) {
    times.remove(key);
  }

  /** The keys registered and not removed. */
  Set<K> keys() {
    return times.keySet();
  }

  Instant createdAt(K key) {
    Times t = times.get(key);
    return t == null ? null : t.createdAt();
  }

  Instant updatedAt(K key) {
    Times t = times.get(key);
    return t == null ? null : t.updatedAt();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
