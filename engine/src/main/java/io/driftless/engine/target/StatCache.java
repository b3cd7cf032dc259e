package io.driftless.engine.target;

import io.driftless.engine.domain.ContentHash;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content hashes of the files under one root, keyed by their stat, as Git's index keeps them: a
 * reconcile that finds every file's stat unchanged reads no file at all. Shared by the file targets
 * (the directory target's local {@code lstat}, the ssh target's SFTP {@code lstat}).
 *
 * <p>A stat is trusted only if it was recorded safely after the file last changed. An entry whose
 * last change lies within the racy window of the moment it was recorded is "racily clean" (Git's
 * term): an edit in the same timestamp tick could leave the stat unchanged. Such an entry is hashed
 * again on its next lookup and trusted once recorded later. The window covers the coarsest
 * timestamps the target sees (2 s on FAT, a kernel tick elsewhere; whole seconds over SFTP plus the
 * clock skew between server and host).
 *
 * <p>Entries exist only for keys a target read or wrote under its root, so the cache is bounded by
 * the managed files. Thread-safe.
 *
 * @param <S> what one stat says; equal stats mean an unchanged file as far as the stat can tell
 */
public final class StatCache<S extends StatCache.Stamp> {
  /** The directory target's window. */
  public static final Duration RACY_WINDOW = Duration.ofSeconds(2);

  /** A stat that tells when its file last changed. */
  public interface Stamp {
    /** The latest change time the stat shows, in nanoseconds since the epoch. */
    long lastChangeNanos();
  }

  private record Entry<S>(S stat, ContentHash hash, boolean racy) {}

  private final ConcurrentHashMap<String, Entry<S>> entries = new ConcurrentHashMap<>();
  private final Duration racyWindow;

  /** A cache with the directory target's {@link #RACY_WINDOW}. */
  public StatCache() {
    this(RACY_WINDOW);
  }

  public StatCache(Duration racyWindow) {
    if (racyWindow == null || racyWindow.isNegative()) {
      throw new IllegalArgumentException("the racy window must not be negative");
    }
    this.racyWindow = racyWindow;
  }

  /** The hash recorded for {@code key}, if {@code stat} still matches and was not racy. */
  public Optional<ContentHash> lookup(String key, S stat) {
    Entry<S> entry = entries.get(key);
    if (entry == null || entry.racy() || !entry.stat().equals(stat)) {
      return Optional.empty();
    }
    return Optional.of(entry.hash());
  }

  /** Remembers that the file with {@code stat} hashed to {@code hash}, seen at {@code now}. */
  public void record(String key, S stat, ContentHash hash, Instant now) {
    long nowNanos = Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L) + now.getNano();
    boolean racy = stat.lastChangeNanos() >= nowNanos - racyWindow.toNanos();
    entries.put(key, new Entry<>(stat, hash, racy));
  }

  public void forget(String key) {
    entries.remove(key);
  }

  public int size() {
    return entries.size();
  }
}
