package io.driftless.engine.domain;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The resources rendered from a source at one revision and path, keyed and sorted by key.
 *
 * @param origins where a renderer read each resource ({@code deploy/rbac.yaml, document 2}), for
 *     messages about it; may lack keys (a state restored from a snapshot has none)
 */
public record DesiredState(
    Revision revision,
    TreeId treeId,
    SortedMap<ResourceKey, Resource> resources,
    Map<ResourceKey, String> origins) {

  public DesiredState(
      Revision revision, TreeId treeId, SortedMap<ResourceKey, Resource> resources) {
    this(revision, treeId, resources, Map.of());
  }

  public DesiredState {
    origins = origins == null ? Map.of() : Map.copyOf(origins);
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(treeId, "treeId");
    resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
    for (Map.Entry<ResourceKey, Resource> e : resources.entrySet()) {
      if (!e.getKey().equals(e.getValue().key())) {
        throw new IllegalArgumentException("resource filed under the wrong key: " + e.getKey());
      }
    }
  }

  /** Where {@code key} was read from, or its key when that is not known. */
  public String origin(ResourceKey key) {
    return origins.getOrDefault(key, key.value());
  }

  /** The same resources at another revision (a commit that did not touch their path). */
  public DesiredState at(Revision other) {
    return new DesiredState(other, treeId, resources, origins);
  }

  public Resource get(ResourceKey key) {
    return resources.get(key);
  }

  public int size() {
    return resources.size();
  }
}
