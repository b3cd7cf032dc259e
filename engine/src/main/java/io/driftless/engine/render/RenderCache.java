package io.driftless.engine.render;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.TreeId;
import io.driftless.engine.git.GitReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Renders through a cache keyed by the path's Git tree id and everything else the output depends on
 * (source, renderer, variables, and a Kubernetes target's default namespace, which the manifests
 * renderer writes into objects that name none). A commit that does not touch an environment's path
 * keeps the tree id, so the path is neither listed nor rendered again.
 */
public final class RenderCache {
  private record Key(
      String source,
      TreeId treeId,
      Object renderer,
      Object variables,
      String namespace,
      Object decryption) {}

  private final Function<GitReader, Renderer> renderers;
  private final Map<Key, DesiredState> entries;
  private long hits;
  private long misses;

  /**
   * @param capacity how many rendered states to keep, least recently used first out
   */
  public RenderCache(Renderer renderer, int capacity) {
    this(reader -> renderer, capacity);
    Objects.requireNonNull(renderer);
  }

  /**
   * @param renderers the renderers that read through a given reader (such as a {@link
   *     DecryptingReader} made for one render)
   * @param capacity how many rendered states to keep, least recently used first out
   */
  public RenderCache(Function<GitReader, Renderer> renderers, int capacity) {
    this.renderers = Objects.requireNonNull(renderers);
    if (capacity < 1) {
      throw new IllegalArgumentException("render cache capacity must be at least 1");
    }
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, DesiredState> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The renderer that reads through {@code reader}. */
  public Renderer renderer(GitReader reader) {
    return renderers.apply(reader);
  }

  /**
   * The desired state of {@code environment} at {@code revision}, whose path has {@code treeId},
   * rendered by {@code rendering} on a miss.
   *
   * @param decryption what else the output depends on: which keys decrypted it (their public
   *     parts), null when nothing is decrypted
   */
  public DesiredState render(
      Source source,
      Environment environment,
      Revision revision,
      TreeId treeId,
      Object decryption,
      Supplier<DesiredState> rendering) {
    Key key =
        new Key(
            source.url(),
            treeId,
            environment.renderer(),
            environment.variables(),
            environment.target() instanceof TargetSpec.Kubernetes k ? k.namespace() : null,
            decryption);
    DesiredState cached;
    synchronized (this) {
      cached = entries.get(key);
      if (cached != null) {
        hits++;
      } else {
        misses++;
      }
    }
    if (cached != null) {
      return cached.revision().equals(revision) ? cached : cached.at(revision);
    }
    DesiredState rendered = rendering.get();
    synchronized (this) {
      entries.put(key, rendered);
    }
    return rendered;
  }

  public synchronized long hits() {
    return hits;
  }

  public synchronized long misses() {
    return misses;
  }
}
