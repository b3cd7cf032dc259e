package io.driftless.engine.git;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.TreeId;
import java.util.List;
import java.util.Objects;

/**
 * The files under a path that differ between two revisions: what a commit (or several) changed in
 * an environment's path.
 *
 * @param revision the newer revision
 * @param baseTreeId the Git tree id of the path at the older revision
 * @param treeId the Git tree id of the path at {@code revision}
 * @param changed the files added or changed (content, mode or kind), as {@code revision} has them,
 *     in path order, with paths relative to {@code path}
 * @param removed the files of the older revision that {@code revision} no longer has (a file that
 *     became a directory or a submodule is removed), in path order
 */
public record PathChanges(
    Revision revision,
    String path,
    TreeId baseTreeId,
    TreeId treeId,
    List<PathTree.Entry> changed,
    List<String> removed) {

  public PathChanges {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(baseTreeId, "baseTreeId");
    Objects.requireNonNull(treeId, "treeId");
    changed = List.copyOf(changed);
    removed = List.copyOf(removed);
  }

  /** Whether no file under the path changed (a commit elsewhere in the repository). */
  public boolean isEmpty() {
    return changed.isEmpty() && removed.isEmpty();
  }

  /** The changed files as a tree of their own, with {@code extra} (unchanged files) added. */
  public PathTree tree(List<PathTree.Entry> extra) {
    List<PathTree.Entry> entries = new java.util.ArrayList<>(changed);
    entries.addAll(extra);
    entries.sort(java.util.Comparator.comparing(PathTree.Entry::path));
    return new PathTree(revision, path, treeId, entries);
  }
}
