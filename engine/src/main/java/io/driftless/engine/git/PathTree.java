package io.driftless.engine.git;

import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.TreeId;
import java.util.List;
import java.util.Objects;

/**
 * The files under a path at a revision.
 *
 * @param treeId the Git tree id of the path, the render cache key
 * @param entries files in path order, with paths relative to {@code path}
 */
public record PathTree(Revision revision, String path, TreeId treeId, List<Entry> entries) {

  /**
   * One file of the tree.
   *
   * @param path relative to the tree's path, '/'-separated
   * @param blob the blob id (for a symlink: the blob holding the link target)
   */
  public record Entry(String path, ResourceKind kind, ContentHash blob) {
    public Entry {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(blob, "blob");
    }
  }

  public PathTree {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(treeId, "treeId");
    entries = List.copyOf(entries);
  }
}
