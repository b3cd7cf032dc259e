package io.driftless.kubernetes;

import io.driftless.engine.domain.ResourceKey;
import java.util.Objects;

/**
 * The key of one Kubernetes object, {@code group/kind/namespace/name}: the core group is spelled
 * {@code core} and a cluster-scoped object's namespace {@code _} (neither is a valid group or
 * namespace name, so keys never collide), e.g. {@code apps/Deployment/web/frontend}, {@code
 * core/Namespace/_/web}.
 *
 * @param group the API group, {@code ""} for the core group
 * @param namespace null for a cluster-scoped object
 */
public record ObjectKey(String group, String kind, String namespace, String name) {
  static final String CORE = "core";
  static final String CLUSTER = "_";

  public ObjectKey {
    group = group == null ? "" : group;
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    namespace = namespace == null || namespace.isEmpty() ? null : namespace;
  }

  /** The group of an {@code apiVersion}: {@code apps/v1} is {@code apps}, {@code v1} is core. */
  public static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /**
   * @throws IllegalArgumentException when the key is not of this shape
   */
  public static ObjectKey parse(ResourceKey key) {
    String[] parts = key.value().split("/", -1);
    if (parts.length != 4 || parts[1].isEmpty() || parts[3].isEmpty()) {
      throw new IllegalArgumentException(
          "not a Kubernetes object key (group/kind/namespace/name): " + key);
    }
    return new ObjectKey(
        parts[0].equals(CORE) ? "" : parts[0],
        parts[1],
        parts[2].equals(CLUSTER) ? null : parts[2],
        parts[3]);
  }

  public ResourceKey toResourceKey() {
    return ResourceKey.of(
        (group.isEmpty() ? CORE : group)
            + "/"
            + kind
            + "/"
            + (namespace == null ? CLUSTER : namespace)
            + "/"
            + name);
  }

  @Override
  public String toString() {
    return toResourceKey().value();
  }
}
