package io.driftless.engine.domain;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The set of resource keys an environment manages; only these may ever be pruned. */
public record Inventory(SortedSet<ResourceKey> keys) {
  public Inventory {
    keys = Collections.unmodifiableSortedSet(new TreeSet<>(keys));
  }

  public static Inventory empty() {
    return new Inventory(new TreeSet<>());
  }

  public static Inventory of(Set<ResourceKey> keys) {
    return new Inventory(new TreeSet<>(keys));
  }

  public boolean contains(ResourceKey key) {
    return keys.contains(key);
  }

  public int size() {
    return keys.size();
  }
}
