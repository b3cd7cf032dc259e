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

  /**
   * One resource of a snapshot.
   *
   * @param hash the resource's content hash (for a decrypted SOPS file a keyed hash of its
   *     plaintext, see {@link Content.Decrypted})
   * @param sealed for a decrypted SOPS file, the Git blob id of its encrypted form, the content
   *     that is stored in its place; null for any other resource
   */
  public record Entry(ResourceKind kind, ContentHash hash, ContentHash sealed) {
    public Entry {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(hash, "hash");
    }

    public Entry(ResourceKind kind, ContentHash hash) {
      this(kind, hash, null);
    }

    /** The hash of the content that is stored for this entry. */
    public ContentHash stored() {
      return sealed != null ? sealed : hash;
    }
  }

  public Snapshot {
    Objects.requireNonNull(revision, "revision");
    entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  public static Snapshot of(DesiredState desired) {
    SortedMap<ResourceKey, Entry> entries = new TreeMap<>();
    for (Map.Entry<ResourceKey, Resource> e : desired.resources().entrySet()) {
      Resource resource = e.getValue();
      entries.put(
          e.getKey(),
          new Entry(
              resource.kind(),
              resource.hash(),
              resource.content().sealed().map(Content::hash).orElse(null)));
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
