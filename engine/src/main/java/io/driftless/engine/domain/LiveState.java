package io.driftless.engine.domain;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** The resources as the target has them now, limited to the keys that were asked for. */
public record LiveState(SortedMap<ResourceKey, Resource> resources) {
  public LiveState {
    resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
  }

  public static LiveState empty() {
    return new LiveState(new TreeMap<>());
  }

  public Resource get(ResourceKey key) {
    return resources.get(key);
  }
}
