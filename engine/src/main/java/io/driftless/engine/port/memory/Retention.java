package io.driftless.engine.port.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.function.Function;

/** What a store's {@code forgetBefore} does in memory, as the database's DELETE by age does. */
final class Retention {
  private Retention() {}

  /** Removes the entries whose time is before {@code cutoff}; returns how many. */
  static <T> int removeBefore(Collection<T> entries, Function<T, Instant> time, Instant cutoff) {
    int before = entries.size();
    entries.removeIf(entry -> time.apply(entry).isBefore(cutoff));
    return before - entries.size();
  }
}
