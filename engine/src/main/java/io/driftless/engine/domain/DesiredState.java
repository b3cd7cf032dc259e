package io.driftless.engine.domain;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** The resources rendered from a source at one revision and path, keyed and sorted by key. */
public record DesiredState(
    Revision revision, TreeId treeId, SortedMap<ResourceKey, Resource> resources) {
  public DesiredState {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(treeId, "treeId");
    resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
    for (Map.Entry<ResourceKey, Resource> e : resources.entrySet()) {
      if (!e.getKey().equals(e.getValue().key())) {
        throw new IllegalArgumentException("resource filed under the wrong key: " + e.getKey());
      }
    }
  }

  public Resource get(ResourceKey key) {
    return resources.get(key);
  }

  public int size() {
    return resources.size();
  }
}
