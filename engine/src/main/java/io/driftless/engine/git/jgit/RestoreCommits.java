package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.PushRefusedException;
import io.driftless.engine.git.RestoreRequest;
import java.io.IOException;
import java.util.SortedMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rollback's restore commit: the branch head's tree with one path put back as it was at the
 * pinned revision, committed on the head and pushed as a fast-forward.
 */
record RestoreCommits(SourceClones clones, CoalescingFetcher fetcher, BranchPushes branches) {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreCommits.class);

  /** See {@link io.driftless.engine.git.GitWriter#restorePath}. */
  Revision restorePath(Source source, RestoreRequest request) {
    String branch = request.branch();
    Revision from = request.from();
    String branchRef = RefNames.branchRef(branch);
    if (branches.remoteHead(source, branchRef) == null) {
      throw new PushRefusedException(
          source.name().value(),
          branch,
          "source '%s' has no branch '%s' to commit a restore on (a tag or revision cannot take"
                  .formatted(source.name(), branch)
              + " a commit)");
    }
    Revision head = fetcher.update(source, branchRef);
    String dir = RefNames.directory(source, from, request.path());
    Repository repo = clones.repository(source);
    ObjectId commitId;
    try (RevWalk walk = new RevWalk(repo);
        ObjectInserter inserter = repo.newObjectInserter()) {
      RevCommit headCommit = SourceClones.commit(source, walk, head);
      RevCommit fromCommit = SourceClones.commit(source, walk, from);
      ObjectId tree =
          replacePath(
              walk.getObjectReader(), inserter, headCommit.getTree(), fromCommit.getTree(), dir);
      if (tree.equals(headCommit.getTree())) {
        LOG.info(
            "source {}: branch {} already has path '{}' as at {}; no restore commit needed",
            source.name(),
            branch,
            dir,
            from.shortId());
        return head;
      }
      commitId =
          TreeCommits.writeCommit(inserter, tree, headCommit, request.author(), request.message());
    } catch (IOException e) {
      throw SourceClones.localFailure(source, e);
    }
    branches.push(
        source,
        new RefSpec(commitId.name() + ":" + branchRef),
        branchRef,
        null,
        "restore commit",
        branch);
    LOG.info(
        "source {}: pushed restore commit {} of path '{}' to {} on branch {}",
        source.name(),
        commitId.abbreviate(7).name(),
        dir,
        from.shortId(),
        branch);
    return Revision.of(commitId.name());
  }

  /**
   * The tree {@code root} with the subtree at {@code dir} replaced by that of {@code from} (removed
   * when {@code from} has no such directory). Every other file keeps its mode and object.
   */
  private static ObjectId replacePath(
      ObjectReader reader, ObjectInserter inserter, ObjectId root, ObjectId from, String dir)
      throws IOException {
    if (dir.isEmpty()) {
      return from;
    }
    String prefix = dir + "/";
    SortedMap<String, TreeCommits.File> files = TreeCommits.files(reader, root);
    files.keySet().removeIf(path -> path.equals(dir) || path.startsWith(prefix));
    try (TreeWalk at = TreeWalk.forPath(reader, dir, from)) {
      if (at != null && FileMode.TREE.equals(at.getRawMode(0))) {
        TreeCommits.files(reader, at.getObjectId(0))
            .forEach((path, file) -> files.put(prefix + path, file));
      }
    }
    return TreeCommits.writeTree(inserter, files);
  }
}
