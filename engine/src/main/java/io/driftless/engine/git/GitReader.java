package io.driftless.engine.git;

import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.TreeId;
import java.time.Duration;
import java.util.SortedSet;

/**
 * Reading a source's Git repository: one cached bare clone per source, brought up to date on
 * demand, and read without a work tree. What the reconciler, the renderers, previews and status
 * views need. Writing (restore and promotion commits, pushes) is {@link GitWriter}'s.
 *
 * <p>All methods throw {@link GitException} subclasses: {@link GitAccessException} when the remote
 * cannot be reached or refuses the credentials (its message never holds a credential), {@link
 * UnknownRefException} when a ref, revision or path does not exist. Only {@link #update} talks to
 * the network; every other method reads the local clone.
 */
public interface GitReader {

  /**
   * Brings the source's clone up to date for {@code ref} and returns the revision it points at. A
   * cheap remote-head check (ls-remote) runs first, so an unchanged remote costs no fetch;
   * concurrent calls for one source share one fetch. {@code ref} is a branch name ({@code main}), a
   * tag name, a full ref name ({@code refs/heads/main}, {@code refs/pull/7/head}) or a full
   * revision, which is fetched on demand when the clone lacks it.
   */
  Revision update(Source source, String ref);

  /**
   * The connect and read timeout of each call to a remote: a caller waiting for another's {@link
   * #update} bounds its wait by it.
   */
  default Duration remoteTimeout() {
    return Duration.ofSeconds(60);
  }

  /**
   * The Git tree id of {@code path} at {@code revision}, without listing it: the render cache key.
   *
   * @throws UnknownRefException when the path does not exist at that revision or is a file
   */
  TreeId treeId(Source source, Revision revision, String path);

  /**
   * Lists the files under {@code path} at {@code revision} without checking out a work tree.
   *
   * @param path directory in the repository, {@code ""} for the root
   * @throws UnknownRefException when the path does not exist at that revision
   */
  PathTree readPath(Source source, Revision revision, String path);

  /**
   * The files under {@code path} that differ between {@code base} and {@code revision}, read from
   * the two trees without listing what they share: a directory with the same tree id at both is
   * skipped whole, so the cost follows the change, not the size of the path.
   *
   * @throws UnknownRefException when a revision is not in the clone, or the path does not exist or
   *     is a file at either revision
   */
  PathChanges changes(Source source, Revision base, Revision revision, String path);

  /**
   * The file at {@code file} (a path in the repository) at {@code revision}, without listing its
   * directory; empty when there is none, or it is a directory or a submodule.
   */
  java.util.Optional<PathTree.Entry> file(Source source, Revision revision, String file);

  /** Reads a blob's bytes from the source's clone. */
  byte[] readBlob(Source source, ContentHash blob);

  /** A blob's size in bytes, read from its header without reading its bytes. */
  long blobSize(Source source, ContentHash blob);

  /** Reads a commit's metadata and the exact bytes its signature covers. */
  Commit commit(Source source, Revision revision);

  /**
   * The paths a pull request from {@code base} to {@code head} changes: every file added, modified
   * or deleted between their merge base (the commit the branch started from, or {@code base} itself
   * when it is an ancestor of {@code head}) and {@code head}; a rename gives both paths. Both
   * revisions must be in the local clone; sorted, without duplicates.
   *
   * @throws UnknownRefException when a revision is not in the clone
   */
  SortedSet<String> changedPaths(Source source, Revision base, Revision head);

  /**
   * Whether a branch or tag of the clone (as of the last update) reaches {@code revision}: false
   * for a revision force-pushed away, even while the clone still holds its objects.
   */
  boolean isReachable(Source source, Revision revision);

  /** Whether {@code ancestor} is {@code revision} or one of its ancestors, in the local clone. */
  boolean isAncestor(Source source, Revision ancestor, Revision revision);
}
