package io.driftless.engine.port.memory;

import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.NotFoundException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The rules the memory catalogs share for named entries kept in a {@link MemoryStore}: a taken name
 * is a conflict, a missing one not found, and every change is timestamped; all under the store's
 * lock.
 *
 * @param <N> the entry's name type
 * @param <T> the entry
 * @param <V> what the catalog shows of an entry
 */
abstract class MemoryCatalog<N, T, V> {
  /**
   * What tells one kind of entry from another.
   *
   * @param noun the entry's kind in messages and details, e.g. {@code "source"}
   * @param article the article of {@code noun} in a sentence, {@code "a"} or {@code "an"}
   * @param nameOf the name of an entry
   * @param stored the entry of a name in the store
   * @param save puts an entry in the store
   */
  record Kind<N, T>(
      String noun,
      String article,
      Function<T, N> nameOf,
      Function<N, Optional<T>> stored,
      Consumer<T> save) {}

  protected final MemoryStore store;
  protected final Timestamps<N> times;
  private final Kind<N, T> kind;

  MemoryCatalog(MemoryStore store, Clock clock, Kind<N, T> kind) {
    this.store = store;
    this.times = new Timestamps<>(clock);
    this.kind = kind;
  }

  public final V register(T entry) {
    validate(entry);
    N name = kind.nameOf().apply(entry);
    synchronized (store) {
      if (kind.stored().apply(name).isPresent()) {
        throw new ConflictException(
            kind.article() + " " + kind.noun() + " named '" + name + "' already exists",
            Map.of(kind.noun(), name.toString(), "field", "name"));
      }
      checkReferences(entry);
      kind.save().accept(entry);
      times.created(name);
      return viewOf(entry);
    }
  }

  public final V update(T entry) {
    validate(entry);
    N name = kind.nameOf().apply(entry);
    synchronized (store) {
      existing(name);
      checkReferences(entry);
      kind.save().accept(entry);
      times.updated(name);
      return viewOf(entry);
    }
  }

  public final void delete(N name) {
    synchronized (store) {
      existing(name);
      erase(name);
      times.remove(name);
    }
  }

  public final Optional<V> view(N name) {
    synchronized (store) {
      return kind.stored().apply(name).map(this::viewOf);
    }
  }

  public final Optional<T> find(N name) {
    return kind.stored().apply(name);
  }

  protected final T existing(N name) {
    return kind.stored()
        .apply(name)
        .orElseThrow(() -> new NotFoundException(kind.noun(), name.toString()));
  }

  /** Takes the entry out of the store, with what belongs to it; may refuse with a conflict. */
  protected abstract void erase(N name);

  protected abstract V viewOf(T entry);

  /** The checks of the entry's own fields, made before taking the lock. */
  protected abstract void validate(T entry);

  /** The checks of what the entry refers to, made under the lock; none by default. */
  protected void checkReferences(T entry) {}
}
