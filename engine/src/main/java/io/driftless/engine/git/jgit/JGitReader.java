package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.TreeId;
import io.driftless.engine.git.Commit;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.PathChanges;
import io.driftless.engine.git.PathTree;
import java.time.Duration;
import java.util.Optional;
import java.util.SortedSet;

/**
 * {@link GitReader} on a {@link JGitMirror}'s clones: {@link CoalescingFetcher} updates, {@link
 * TreeReader} reads paths and blobs, {@link HistoryReader} commits and their relations.
 */
record JGitReader(CoalescingFetcher fetcher, TreeReader trees, HistoryReader history)
    implements GitReader {
  @Override
  public Revision update(Source source, String ref) {
    return fetcher.update(source, ref);
  }

  @Override
  public Duration remoteTimeout() {
    return fetcher.remoteTimeout();
  }

  @Override
  public TreeId treeId(Source source, Revision revision, String path) {
    return trees.treeId(source, revision, path);
  }

  @Override
  public PathTree readPath(Source source, Revision revision, String path) {
    return trees.readPath(source, revision, path);
  }

  @Override
  public PathChanges changes(Source source, Revision base, Revision revision, String path) {
    return trees.changes(source, base, revision, path);
  }

  @Override
  public Optional<PathTree.Entry> file(Source source, Revision revision, String file) {
    return trees.file(source, revision, file);
  }

  @Override
  public byte[] readBlob(Source source, ContentHash blob) {
    return trees.readBlob(source, blob);
  }

  @Override
  public long blobSize(Source source, ContentHash blob) {
    return trees.blobSize(source, blob);
  }

  @Override
  public Commit commit(Source source, Revision revision) {
    return history.commit(source, revision);
  }

  @Override
  public SortedSet<String> changedPaths(Source source, Revision base, Revision head) {
    return history.changedPaths(source, base, head);
  }

  @Override
  public boolean isReachable(Source source, Revision revision) {
    return history.isReachable(source, revision);
  }

  @Override
  public boolean isAncestor(Source source, Revision ancestor, Revision revision) {
    return history.isAncestor(source, ancestor, revision);
  }
}
