package io.driftless.engine.domain;

import java.util.Objects;

/** One managed thing: a stable key, its kind and its content. */
public record Resource(ResourceKey key, ResourceKind kind, Content content) {
  public Resource {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(content, "content");
  }

  public ContentHash hash() {
    return content.hash();
  }

  /** Whether two resources hold the same thing: same kind and same content. */
  public boolean sameAs(Resource other) {
    return other != null && kind == other.kind && hash().equals(other.hash());
  }
}
