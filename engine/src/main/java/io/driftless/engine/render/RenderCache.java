package io.driftless.engine.render;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.PathTree;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Renders through a cache keyed by the path's Git tree id and everything else the output depends
 * on (renderer and variables), so a commit that does not touch an environment's path is not
 * rendered again.
 */
public final class RenderCache implements Renderer {
  private record Key(String source, String treeId, Object renderer, Object variables) {}

  private final Renderer delegate;
  private final Map<Key, DesiredState> entries;
  private long hits;
  private long misses;

  public RenderCache(Renderer delegate, int capacity) {
    this.delegate = Objects.requireNonNull(delegate);
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, DesiredState> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public DesiredState render(Source source, Environment environment, PathTree tree) {
    Key key =
        new Key(
            source.url(), tree.treeId().value(), environment.renderer(), environment.variables());
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
      return withRevision(cached, tree.revision());
    }
    DesiredState rendered = delegate.render(source, environment, tree);
    synchronized (this) {
      entries.put(key, rendered);
    }
    return rendered;
  }

  private static DesiredState withRevision(DesiredState state, Revision revision) {
    return state.revision().equals(revision)
        ? state
        : new DesiredState(revision, state.treeId(), state.resources());
  }

  public synchronized long hits() {
    return hits;
  }

  public synchronized long misses() {
    return misses;
  }
}
