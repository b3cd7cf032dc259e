package io.driftless.engine.testing;

import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.TreeId;
import io.driftless.engine.git.Commit;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.PathChanges;
import io.driftless.engine.git.PathTree;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link GitReader} that notes what is read through it: the paths listed whole and the blobs
 * whose size or bytes were asked (what a renderer reads of each file it renders).
 */
public final class CountingGitReader implements GitReader {
  private final GitReader git;
  private final List<String> listed = new CopyOnWriteArrayList<>();
  private final List<ContentHash> blobs = new CopyOnWriteArrayList<>();

  public CountingGitReader(GitReader git) {
    this.git = git;
  }

  /** The paths listed whole ({@link #readPath}), in order. */
  public List<String> listed() {
    return List.copyOf(listed);
  }

  /** The blobs whose size or bytes were read, in order, with repeats. */
  public List<ContentHash> blobs() {
    return List.copyOf(blobs);
  }

  /** Forgets what was read so far. */
  public void reset() {
    listed.clear();
    blobs.clear();
  }

  @Override
  public PathTree readPath(Source source, Revision revision, String path) {
    listed.add(path);
    return git.readPath(source, revision, path);
  }

  @Override
  public byte[] readBlob(Source source, ContentHash blob) {
    blobs.add(blob);
    return git.readBlob(source, blob);
  }

  @Override
  public long blobSize(Source source, ContentHash blob) {
    blobs.add(blob);
    return git.blobSize(source, blob);
  }

  @Override
  public Revision update(Source source, String ref) {
    return git.update(source, ref);
  }

  @Override
  public TreeId treeId(Source source, Revision revision, String path) {
    return git.treeId(source, revision, path);
  }

  @Override
  public PathChanges changes(Source source, Revision base, Revision revision, String path) {
    return git.changes(source, base, revision, path);
  }

  @Override
  public Optional<PathTree.Entry> file(Source source, Revision revision, String file) {
    return git.file(source, revision, file);
  }

  @Override
  public Commit commit(Source source, Revision revision) {
    return git.commit(source, revision);
  }

  @Override
  public SortedSet<String> changedPaths(Source source, Revision base, Revision head) {
    return git.changedPaths(source, base, head);
  }

  @Override
  public boolean isReachable(Source source, Revision revision) {
    return git.isReachable(source, revision);
  }

  @Override
  public boolean isAncestor(Source source, Revision ancestor, Revision revision) {
    return git.isAncestor(source, ancestor, revision);
  }
}
