package io.driftless.engine.target.directory;

import io.driftless.engine.domain.ContentHash;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content hashes of the files under one root, keyed by their stat, as Git's index keeps them: a
 * reconcile that finds every file's stat unchanged reads no file at all.
 *
 * <p>A stat is trusted only if it was recorded safely after the file last changed. An entry whose
 * mtime or ctime lies within {@link #RACY_WINDOW} of the moment it was recorded is "racily clean"
 * (Git's term): an edit in the same timestamp tick could leave the stat unchanged. Such an entry is
 * hashed again on its next lookup and trusted once recorded later. The window covers coarse
 * filesystem timestamps (2 s on FAT, a kernel tick elsewhere).
 *
 * <p>Entries exist only for keys a target read or wrote under its root, so the cache is bounded by
 * the managed files. Thread-safe.
 */
final class StatCache {
  static final Duration RACY_WINDOW = Duration.ofSeconds(2);

  private record Entry(FileStat stat, ContentHash hash, boolean racy) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  /** The hash recorded for {@code key}, if {@code stat} still matches and was not racy. */
  Optional<ContentHash> lookup(String key, FileStat stat) {
    Entry entry = entries.get(key);
    if (entry == null || entry.racy() || !entry.stat().equals(stat)) {
      return Optional.empty();
    }
    return Optional.of(entry.hash());
  }

  /** Remembers that the file with {@code stat} hashed to {@code hash}, seen at {@code now}. */
  void record(String key, FileStat stat, ContentHash hash, Instant now) {
    long nowNanos = Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L) + now.getNano();
    boolean racy = stat.lastChangeNanos() >= nowNanos - RACY_WINDOW.toNanos();
    entries.put(key, new Entry(stat, hash, racy));
  }

  void forget(String key) {
    entries.remove(key);
  }

  int size() {
    return entries.size();
  }
}
