package io.driftless.engine.git;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PromotionCommits} on the bare clones of a {@link JGitMirror}: the tree is built in memory
 * (no work tree, no checkout), as the mirror's restore commit is, and pushed through the mirror's
 * transport with the source's write credentials.
 */
public final class JGitPromotionCommits implements PromotionCommits {
  private static final Logger LOG = LoggerFactory.getLogger(JGitPromotionCommits.class);

  /** A commit on a promotion branch this far from the receiving branch is not Driftless's. */
  private static final int MAX_WALK = 1_000;

  private final JGitMirror mirror;

  public JGitPromotionCommits(JGitMirror mirror) {
    this.mirror = Objects.requireNonNull(mirror, "mirror");
  }

  /** A file of a tree: mode and blob. */
  private record Entry(FileMode mode, ObjectId blob) {}

  @Override
  public Optional<PromotionCommit> build(Source source, PromotionRequest request) {
    Repository repo = mirror.repository(source);
    Predicate<String> promoted = request.paths().matcher();
    String prefix = request.toPath().isEmpty() ? "" : request.toPath() + "/";
    try (RevWalk walk = new RevWalk(repo);
        ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectReader reader = walk.getObjectReader();
      RevCommit from = commit(source, walk, request.from());
      RevCommit onto = commit(source, walk, request.onto());
      SortedMap<String, Entry> wanted = promotedFiles(source, reader, from, request, promoted);

      SortedMap<String, Entry> result = new TreeMap<>();
      SortedMap<String, Entry> replaced = new TreeMap<>();
      try (TreeWalk tree = new TreeWalk(reader)) {
        tree.addTree(onto.getTree());
        tree.setRecursive(true);
        while (tree.next()) {
          String path = tree.getPathString();
          Entry entry = new Entry(tree.getFileMode(0), tree.getObjectId(0));
          if (path.startsWith(prefix) && promoted.test(path.substring(prefix.length()))) {
            replaced.put(path.substring(prefix.length()), entry);
          } else {
            result.put(path, entry);
          }
        }
      }
      wanted.forEach((relative, entry) -> result.put(prefix + relative, entry));
      refuseCollisions(result, request);
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      result.forEach((path, entry) -> builder.add(entry(path, entry)));
      builder.finish();
      ObjectId tree = index.writeTree(inserter);
      if (tree.equals(onto.getTree())) {
        return Optional.empty();
      }
      List<String> copied = new ArrayList<>();
      wanted.forEach(
          (relative, entry) -> {
            if (!entry.equals(replaced.get(relative))) {
              copied.add(relative);
            }
          });
      List<String> deleted =
          replaced.keySet().stream().filter(relative -> !wanted.containsKey(relative)).toList();
      PersonIdent who = new PersonIdent(request.author().name(), request.author().email());
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      commit.setParentId(onto);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(request.commitMessage());
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return Optional.of(
          new PromotionCommit(
              Revision.of(id.name()), request.onto(), request.from(), copied, deleted));
    } catch (IOException e) {
      throw localFailure(source, e);
    }
  }

  /** The files of the promoting path that the promotion carries, relative to that path. */
  private static SortedMap<String, Entry> promotedFiles(
      Source source,
      ObjectReader reader,
      RevCommit from,
      PromotionRequest request,
      Predicate<String> promoted)
      throws IOException {
    SortedMap<String, Entry> files = new TreeMap<>();
    ObjectId root = from.getTree();
    if (!request.fromPath().isEmpty()) {
      try (TreeWalk at = TreeWalk.forPath(reader, request.fromPath(), from.getTree())) {
        if (at == null || !FileMode.TREE.equals(at.getRawMode(0))) {
          throw new UnknownRefException(
              source.name().value(),
              request.from().value(),
              "path '%s' is not a directory at revision %s of source '%s'"
                  .formatted(request.fromPath(), request.from().value(), source.name()));
        }
        root = at.getObjectId(0);
      }
    }
    try (TreeWalk tree = new TreeWalk(reader)) {
      tree.addTree(root);
      tree.setRecursive(true);
      while (tree.next()) {
        String relative = tree.getPathString();
        if (!promoted.test(relative)) {
          continue;
        }
        FileMode mode = tree.getFileMode(0);
        if (FileMode.SYMLINK.equals(mode) || FileMode.GITLINK.equals(mode)) {
          String what = FileMode.SYMLINK.equals(mode) ? "a symbolic link" : "a submodule";
          throw new PromotionRefusedException(
              join(request.fromPath(), relative),
              "cannot promote '%s': it is %s at %s; promotions copy regular files only (leave it out of the promotion's paths)"
                  .formatted(join(request.fromPath(), relative), what, request.from().shortId()));
        }
        files.put(relative, new Entry(mode, tree.getObjectId(0)));
      }
    }
    return files;
  }

  /**
   * A copied file where a file left in place is a directory, or the other way round ({@code
   * release} and {@code release/app.yaml}), would make a tree Git calls corrupt.
   */
  private static void refuseCollisions(SortedMap<String, Entry> files, PromotionRequest request) {
    for (String path : files.keySet()) {
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        String parent = path.substring(0, slash);
        if (files.containsKey(parent)) {
          throw new PromotionRefusedException(
              parent,
              "promotion into '%s': '%s' is a file and '%s' needs it to be a directory; add the"
                      .formatted(request.toPath(), parent, path)
                  + " one left in place to the promotion's paths, or remove it");
        }
      }
    }
  }

  private static DirCacheEntry entry(String path, Entry entry) {
    DirCacheEntry e = new DirCacheEntry(path);
    e.setFileMode(entry.mode());
    e.setObjectId(entry.blob());
    return e;
  }

  @Override
  public PromotionPush pushToBranch(Source source, PromotionCommit commit, String branch) {
    String ref = branchRef(branch);
    RemoteRefUpdate update =
        push(source, commit, branch, false, new RefLeaseSpec(ref, commit.onto().value()));
    LOG.info(
        "source {}: pushed promotion commit {} of {} to branch {}",
        source.name(),
        commit.revision().shortId(),
        commit.from().shortId(),
        branch);
    return new PromotionPush(
        update.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE
            ? PromotionPush.Outcome.UP_TO_DATE
            : PromotionPush.Outcome.PUSHED,
        shortName(branch),
        commit.revision(),
        List.of());
  }

  @Override
  public PromotionPush pushToPromotionBranch(Source source, PromotionCommit commit, String branch) {
    String ref = branchRef(branch);
    Ref current = mirror.listRemote(source).get(ref);
    ObjectId expected = ObjectId.zeroId();
    if (current != null) {
      ObjectId head = current.getObjectId();
      Revision remoteHead = Revision.of(head.name());
      if (head.name().equals(commit.revision().value())) {
        return new PromotionPush(
            PromotionPush.Outcome.UP_TO_DATE, shortName(branch), remoteHead, List.of());
      }
      mirror.update(source, ref); // its commits, to see who wrote them
      try (RevWalk walk = new RevWalk(mirror.repository(source))) {
        RevCommit theirs = walk.parseCommit(head);
        RevCommit ours = walk.parseCommit(ObjectId.fromString(commit.revision().value()));
        List<Revision> foreign = foreign(walk, theirs, ours);
        if (!foreign.isEmpty()) {
          LOG.info(
              "source {}: promotion branch {} has {} commit(s) Driftless did not write; not"
                  + " overwritten",
              source.name(),
              branch,
              foreign.size());
          return new PromotionPush(
              PromotionPush.Outcome.DIVERGED, shortName(branch), remoteHead, foreign);
        }
        if (theirs.getParentCount() == 1
            && theirs.getParent(0).equals(ours.getParent(0))
            && theirs.getTree().equals(ours.getTree())) {
          // The same promotion, built again: keep the branch (and the pull request) as it is.
          return new PromotionPush(
              PromotionPush.Outcome.UP_TO_DATE, shortName(branch), remoteHead, List.of());
        }
      } catch (IOException e) {
        throw localFailure(source, e);
      }
      expected = head;
    }
    push(source, commit, branch, true, new RefLeaseSpec(ref, expected.name()));
    LOG.info(
        "source {}: pushed promotion commit {} of {} to branch {}",
        source.name(),
        commit.revision().shortId(),
        commit.from().shortId(),
        branch);
    return new PromotionPush(
        PromotionPush.Outcome.PUSHED, shortName(branch), commit.revision(), List.of());
  }

  /**
   * The commits of {@code theirs} that the receiving branch ({@code ours}' parent) does not have
   * and Driftless did not write: not committed by {@code ours}' committer, or without the trailer.
   */
  private static List<Revision> foreign(RevWalk walk, RevCommit theirs, RevCommit ours)
      throws IOException {
    PersonIdent driftless = ours.getCommitterIdent();
    walk.markStart(theirs);
    walk.markUninteresting(walk.parseCommit(ours.getParent(0)));
    List<Revision> foreign = new ArrayList<>();
    int seen = 0;
    for (RevCommit c : walk) {
      PersonIdent committer = c.getCommitterIdent();
      boolean written =
          committer.getName().equals(driftless.getName())
              && committer.getEmailAddress().equals(driftless.getEmailAddress())
              && !c.getFooterLines(PromotionRequest.TRAILER).isEmpty();
      if (!written) {
        foreign.add(Revision.of(c.getId().name()));
      }
      if (foreign.size() >= PromotionPush.MAX_FOREIGN || ++seen >= MAX_WALK) {
        if (foreign.isEmpty()) {
          foreign.add(Revision.of(c.getId().name())); // too long a history to be a promotion's
        }
        break;
      }
    }
    return foreign;
  }

  /**
   * Pushes and returns the remote's accepted update; a refusal is a typed error with its reason.
   */
  private RemoteRefUpdate push(
      Source source, PromotionCommit commit, String branch, boolean force, RefLeaseSpec lease) {
    String ref = branchRef(branch);
    RefSpec spec = new RefSpec((force ? "+" : "") + commit.revision().value() + ":" + ref);
    Repository repo = mirror.repository(source);
    for (PushResult result : mirror.sendPush(source, repo, spec, lease)) {
      RemoteRefUpdate update = result.getRemoteUpdate(ref);
      if (update == null) {
        continue;
      }
      if (update.getStatus() == RemoteRefUpdate.Status.OK
          || update.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE) {
        return update;
      }
      StringBuilder why =
          new StringBuilder(
              "source '%s' refused the promotion commit on branch '%s': %s"
                  .formatted(source.name(), shortName(branch), JGitMirror.describe(update)));
      String remote = result.getMessages() == null ? "" : result.getMessages().trim();
      if (!remote.isEmpty()) {
        why.append(" (remote said: ").append(remote.replace('\n', ' ')).append(')');
      }
      throw new PushRefusedException(source.name().value(), shortName(branch), why.toString());
    }
    throw new PushRefusedException(
        source.name().value(),
        shortName(branch),
        "source '%s' did not report the push of branch '%s'"
            .formatted(source.name(), shortName(branch)));
  }

  private static RevCommit commit(Source source, RevWalk walk, Revision revision) {
    try {
      return walk.parseCommit(ObjectId.fromString(revision.value()));
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      throw new UnknownRefException(
          source.name().value(),
          revision.value(),
          "source '%s' has no commit %s in its clone".formatted(source.name(), revision.value()));
    } catch (IOException e) {
      throw localFailure(source, e);
    }
  }

  private static String branchRef(String branch) {
    String name = shortName(branch);
    if (name.isEmpty() || !Repository.isValidRefName(Constants.R_HEADS + name)) {
      throw new IllegalArgumentException("not a valid branch name: '" + branch + "'");
    }
    return Constants.R_HEADS + name;
  }

  private static String shortName(String branch) {
    String name = branch == null ? "" : branch.strip();
    return name.startsWith(Constants.R_HEADS) ? name.substring(Constants.R_HEADS.length()) : name;
  }

  private static String join(String dir, String relative) {
    return dir.isEmpty() ? relative : dir + "/" + relative;
  }

  private static GitAccessException localFailure(Source source, IOException e) {
    return new GitAccessException(
        source.name().value(),
        RemoteFailure.withoutUserInfo(source.url()),
        GitAccessException.Reason.OTHER,
        "source '%s': cannot read its clone: %s".formatted(source.name(), e.getMessage()),
        e);
  }
}
