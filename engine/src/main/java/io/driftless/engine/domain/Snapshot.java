package io.driftless.engine.domain;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The exact desired state a successful run applied, as keys with kind and content hash. Contents
 * are stored once per hash by the {@link io.driftless.engine.port.SnapshotStore}.
 */
public record Snapshot(Revision revision, SortedMap<ResourceKey, Entry> entries) {

  /** One resource of a snapshot. */
  public record Entry(ResourceKind kind, ContentHash hash) {
    public Entry {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(hash, "hash");
    }
  }

  public Snapshot {
    Objects.requireNonNull(revision, "revision");
    entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  public static Snapshot of(DesiredState desired) {
    SortedMap<ResourceKey, Entry> entries = new TreeMap<>();
    for (Map.Entry<ResourceKey, Resource> e : desired.resources().entrySet()) {
      entries.put(e.getKey(), new Entry(e.getValue().kind(), e.getValue().hash()));
    }
    return new Snapshot(desired.revision(), entries);
  }

  public Entry get(ResourceKey key) {
    return entries.get(key);
  }

  /** Whether a resource equals what this snapshot recorded for its key. */
  public boolean matches(Resource resource) {
    Entry entry = entries.get(resource.key());
    return entry != null && entry.kind() == resource.kind() && entry.hash().equals(resource.hash());
  }
}
