package io.driftless.engine.domain;

/**
 * The Git tree id of an environment's path at a revision. Equal tree ids mean equal content, so it
 * is the render cache key: a commit that does not touch the path keeps the tree id.
 */
public record TreeId(String value) {
  public TreeId {
    if (value == null || !Revision.isFullId(value)) {
      throw new IllegalArgumentException("tree id must be 40 hex digits: " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
