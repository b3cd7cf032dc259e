package io.driftless.engine.port.memory;

import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.PreviewStore;
import io.driftless.engine.port.SourceStore;
import io.driftless.engine.port.query.StoredPreview;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The newest preview of each pull request, in memory. */
public final class MemoryPreviews implements PreviewStore {
  private record Key(SourceName source, long pr) {}

  private final SourceStore sources;
  private final Clock clock;
  private final Map<Key, StoredPreview> previews = new HashMap<>();
  private final Map<Key, Instant> closed = new HashMap<>();

  /** {@code sources} says which sources exist. */
  public MemoryPreviews(SourceStore sources, Clock clock) {
    this.sources = sources;
    this.clock = clock;
  }

  @Override
  public synchronized StoredPreview start(SourceName source, long pr, String head, String baseRef) {
    InvalidInputException.checkLength("head", head, 64);
    InvalidInputException.checkLength("baseRef", baseRef, 255);
    if (sources.find(source).isEmpty()) {
      throw new NotFoundException("source", source.value());
    }
    Instant now = now();
    StoredPreview old = previews.get(new Key(source, pr));
    StoredPreview started =
        new StoredPreview(
            source,
            pr,
            head,
            baseRef,
            StoredPreview.PENDING,
            null,
            old == null ? null : old.commentId(),
            old == null ? now : old.createdAt(),
            now);
    previews.put(new Key(source, pr), started);
    closed.remove(new Key(source, pr));
    return started;
  }

  @Override
  public synchronized boolean complete(SourceName source, long pr, String head, String resultJson) {
    StoredPreview p = previews.get(new Key(source, pr));
    if (p == null || !p.head().equals(head)) {
      return false;
    }
    previews.put(
        new Key(source, pr),
        new StoredPreview(
            source,
            pr,
            head,
            p.baseRef(),
            StoredPreview.DONE,
            resultJson,
            p.commentId(),
            p.createdAt(),
            now()));
    return true;
  }

  @Override
  public synchronized void close(SourceName source, long pr) {
    Key key = new Key(source, pr);
    if (previews.containsKey(key)) {
      closed.putIfAbsent(key, now());
    }
  }

  @Override
  public synchronized void recordComment(SourceName source, long pr, String commentId) {
    InvalidInputException.checkLength("commentId", commentId, 64);
    StoredPreview p = previews.get(new Key(source, pr));
    if (p != null) {
      previews.put(
          new Key(source, pr),
          new StoredPreview(
              source,
              pr,
              p.head(),
              p.baseRef(),
              p.state(),
              p.resultJson(),
              commentId,
              p.createdAt(),
              p.updatedAt()));
    }
  }

  @Override
  public synchronized Optional<StoredPreview> find(SourceName source, long pr) {
    return Optional.ofNullable(previews.get(new Key(source, pr)));
  }

  @Override
  public synchronized List<StoredPreview> list(SourceName source) {
    return previews.values().stream()
        .filter(p -> p.source().equals(source))
        .sorted(
            Comparator.comparing(StoredPreview::updatedAt)
                .thenComparingLong(StoredPreview::pr)
                .reversed())
        .limit(MAX_LIST)
        .toList();
  }

  /** Forgets a removed source's previews. */
  synchronized void forget(SourceName source) {
    previews.keySet().removeIf(k -> k.source().equals(source));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
