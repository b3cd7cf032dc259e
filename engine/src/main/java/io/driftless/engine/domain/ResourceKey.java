package io.driftless.engine.domain;

/**
 * The stable key of one managed resource. For files it is the path relative to the environment's
 * path, with '/' separators; for Kubernetes objects it is group/kind/namespace/name. The key is
 * checked for shape here; whether it is safe for a given target is the target's decision.
 */
public record ResourceKey(String value) implements Comparable<ResourceKey> {
  public static final int MAX_LENGTH = 1024;

  public ResourceKey {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("resource key is required");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "resource key is longer than " + MAX_LENGTH + ": " + value);
    }
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("resource key contains a NUL character");
    }
  }

  public static ResourceKey of(String value) {
    return new ResourceKey(value);
  }

  @Override
  public int compareTo(ResourceKey other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
