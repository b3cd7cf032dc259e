package io.driftless.engine.git;

import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TreeId;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.diff.DiffEntry;
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
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GitMirror} on JGit: one bare clone per source under {@code <workDir>/sources/<source>},
 * mirroring the remote's branches and tags ({@code +refs/heads/*:refs/heads/*}, {@code
 * +refs/tags/*:refs/tags/*}, deleted branches pruned). Other refs ({@code refs/pull/7/head}, the
 * remote's {@code HEAD}) are fetched on demand into {@code refs/driftless/...}, and revisions that
 * no branch or tag reaches into {@code refs/driftless/revisions/<sha>}, so that a pinned revision
 * survives a force push.
 *
 * <p>A short ref name resolves as Git does: {@code refs/<name>}, then tag, then branch.
 *
 * <p>Thread-safe. Repositories are opened once and kept open until {@link #close()}.
 */
public final class JGitMirror implements GitMirror, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JGitMirror.class);

  /** Used when no timeout is given: generous for a large first clone over a slow link. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final String HEADS = Constants.R_HEADS;
  private static final String TAGS = Constants.R_TAGS;
  private static final String OWN = "refs/driftless/";
  private static final List<RefSpec> BRANCHES_AND_TAGS =
      List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));

  private final Path sourcesDir;
  private final Path sshDir;
  private final int timeoutSeconds;
  private final ConcurrentMap<SourceName, Repository> repositories = new ConcurrentHashMap<>();
  private final ConcurrentMap<SourceName, CompletableFuture<Void>> fetches =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<SourceName, SshFactory> sshFactories = new ConcurrentHashMap<>();
  private final ConcurrentMap<SourceName, SshFactory> writeSshFactories = new ConcurrentHashMap<>();
  private final List<SshdSessionFactory> retiredSshFactories = new ArrayList<>();
  private final LongAdder fetchCount = new LongAdder();
  private final LongAdder remoteCheckCount = new LongAdder();
  private final LongAdder failureCount = new LongAdder();

  private record SshFactory(GitAuth auth, SshdSessionFactory factory) {}

  /**
   * @param workDir where the clones live ({@code sources/}) and per-source SSH state ({@code
   *     ssh/}); created when missing
   * @param timeout connect and read timeout of every remote operation, rounded up to seconds
   */
  public JGitMirror(Path workDir, Duration timeout) {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("git timeout must be positive: " + timeout);
    }
    this.sourcesDir = workDir.resolve("sources");
    this.sshDir = workDir.resolve("ssh");
    this.timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
  }

  public JGitMirror(Path workDir) {
    this(workDir, DEFAULT_TIMEOUT);
  }

  /** Fetches run so far; an update that finds the remote unchanged runs none. */
  public long fetchCount() {
    return fetchCount.sum();
  }

  /** Remote-head checks (ls-remote) run so far. */
  public long remoteCheckCount() {
    return remoteCheckCount.sum();
  }

  /** Remote operations (checks and fetches) that failed. */
  public long failureCount() {
    return failureCount.sum();
  }

  @Override
  public Revision update(Source source, String ref) {
    String name = checkRef(source, ref);
    Repository repo = repository(source);
    if (Revision.isFullId(name)) {
      return updateToRevision(source, repo, ObjectId.fromString(name));
    }
    Map<String, Ref> remote = listRemote(source);
    String remoteName =
        remoteName(remote, name)
            .orElseThrow(
                () ->
                    new UnknownRefException(
                        source.name().value(),
                        ref,
                        "source '%s' has no branch, tag or ref '%s' at %s"
                            .formatted(
                                source.name(), ref, RemoteFailure.withoutUserInfo(source.url()))));
    ObjectId remoteId = remote.get(remoteName).getObjectId();
    String localName = localName(remoteName);
    List<RefSpec> specs = new ArrayList<>(BRANCHES_AND_TAGS);
    if (!localName.equals(remoteName)) {
      specs.add(new RefSpec("+" + remoteName + ":" + localName));
    }
    fetch(source, repo, specs, true, () -> remoteId.equals(localId(repo, localName)));
    ObjectId local = localId(repo, localName);
    if (local == null) {
      throw new UnknownRefException(
          source.name().value(),
          ref,
          "source '%s': '%s' disappeared from the remote during the fetch"
              .formatted(source.name(), ref));
    }
    return peel(source, repo, local, ref);
  }

  private Revision updateToRevision(Source source, Repository repo, ObjectId id) {
    BooleanSupplier present = () -> hasCommit(repo, id);
    if (!present.getAsBoolean()) {
      // Most revisions asked for are on a branch that has moved since the last fetch.
      fetch(source, repo, BRANCHES_AND_TAGS, true, present);
    }
    if (!present.getAsBoolean()) {
      // Servers that allow it (GitHub, GitLab, JGit, Git >= 2.5 with the config) serve any
      // reachable commit by id; keep a ref so that it survives garbage collection.
      RefSpec bySha = new RefSpec(id.name() + ":" + OWN + "revisions/" + id.name());
      try {
        fetch(source, repo, List.of(bySha), false, present);
      } catch (GitAccessException e) {
        if (e.reason() != GitAccessException.Reason.OTHER) {
          throw e;
        }
        LOG.debug("source {}: remote does not serve {} by id", source.name(), id.name());
      }
    }
    if (!present.getAsBoolean()) {
      throw new UnknownRefException(
          source.name().value(),
          id.name(),
          "source '%s' has no commit %s".formatted(source.name(), id.name()));
    }
    return Revision.of(id.name());
  }

  @Override
  public Revision resolve(Source source, String ref) {
    String name = checkRef(source, ref);
    Repository repo = repository(source);
    if (Revision.isFullId(name)) {
      ObjectId id = ObjectId.fromString(name);
      if (!hasCommit(repo, id)) {
        throw new UnknownRefException(
            source.name().value(),
            ref,
            "source '%s' has no commit %s in its clone".formatted(source.name(), name));
      }
      return Revision.of(name);
    }
    for (String candidate : candidates(name)) {
      ObjectId id = localId(repo, localName(candidate));
      if (id != null) {
        return peel(source, repo, id, ref);
      }
    }
    throw new UnknownRefException(
        source.name().value(),
        ref,
        "source '%s' has no branch, tag or ref '%s' in its clone".formatted(source.name(), ref));
  }

  @Override
  public TreeId treeId(Source source, Revision revision, String path) {
    String dir = normalizePath(source, revision, path);
    try (RevWalk walk = new RevWalk(repository(source))) {
      return new TreeId(pathTree(source, walk, revision, dir).name());
    } catch (IOException e) {
      throw localFailure(source, e);
    }
  }

  /** The tree id of {@code dir} at {@code revision}: walks only the path's own components. */
  private ObjectId pathTree(Source source, RevWalk walk, Revision revision, String dir)
      throws IOException {
    RevCommit commit = parseCommit(source, walk, revision);
    if (dir.isEmpty()) {
      return commit.getTree().getId();
    }
    try (TreeWalk at = TreeWalk.forPath(walk.getObjectReader(), dir, commit.getTree())) {
      if (at == null) {
        throw new UnknownRefException(
            source.name().value(),
            revision.value(),
            "path '%s' does not exist at revision %s of source '%s'"
                .formatted(dir, revision.value(), source.name()));
      }
      if (!FileMode.TREE.equals(at.getRawMode(0))) {
        throw new UnknownRefException(
            source.name().value(),
            revision.value(),
            "path '%s' at revision %s of source '%s' is a file, not a directory"
                .formatted(dir, revision.value(), source.name()));
      }
      return at.getObjectId(0);
    }
  }

  @Override
  public PathTree readPath(Source source, Revision revision, String path) {
    String dir = normalizePath(source, revision, path);
    Repository repo = repository(source);
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectReader reader = walk.getObjectReader();
      ObjectId treeId = pathTree(source, walk, revision, dir);
      List<PathTree.Entry> entries = new ArrayList<>();
      try (TreeWalk walkTree = new TreeWalk(repo, reader)) {
        walkTree.addTree(treeId);
        walkTree.setRecursive(true);
        while (walkTree.next()) {
          ResourceKind kind = kindOf(walkTree.getRawMode(0));
          if (kind == null) {
            continue; // submodules (gitlinks) are not files of this repository
          }
          // Sizes are not read: that would look up every blob, which a listing need not do.
          ObjectId blob = walkTree.getObjectId(0);
          entries.add(
              new PathTree.Entry(walkTree.getPathString(), kind, ContentHash.of(blob.name())));
        }
      }
      return new PathTree(revision, dir, new TreeId(treeId.name()), entries);
    } catch (IOException e) {
      throw localFailure(source, e);
    }
  }

  @Override
  public byte[] readBlob(Source source, ContentHash blob) {
    Repository repo = repository(source);
    try {
      return repo.open(ObjectId.fromString(blob.value()), Constants.OBJ_BLOB)
          .getCachedBytes(Integer.MAX_VALUE)
          .clone();
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      throw new UnknownRefException(
          source.name().value(),
          blob.value(),
          "source '%s' has no blob %s".formatted(source.name(), blob.value()));
    } catch (IOException e) {
      throw localFailure(source, e);
    }
  }

  @Override
  public Commit commit(Source source, Revision revision) {
    Repository repo = repository(source);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = parseCommit(source, walk, revision);
      PersonIdent author = commit.getAuthorIdent();
      byte[] raw = commit.getRawBuffer();
      byte[] signature = commit.getRawGpgSignature();
      return new Commit(
          revision,
          commit.getFullMessage(),
          author.getName(),
          author.getEmailAddress(),
          author.getWhenAsInstant(),
          signature,
          signature == null ? raw.clone() : withoutSignature(raw));
    }
  }

  @Override
  public SortedSet<String> changedPaths(Source source, Revision base, Revision head) {
    Repository repo = repository(source);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit to = parseCommit(source, walk, head);
      RevCommit from = parseCommit(source, walk, base);
      walk.setRevFilter(RevFilter.MERGE_BASE);
      walk.markStart(to);
      walk.markStart(from);
      RevCommit mergeBase = walk.next();
      // No common history (an unrelated branch): everything that differs from base counts.
      RevCommit start = mergeBase == null ? from : mergeBase;
      SortedSet<String> paths = new TreeSet<>();
      try (TreeWalk tree = new TreeWalk(repo)) {
        tree.setRecursive(true);
        tree.addTree(walk.parseTree(start.getTree().getId()));
        tree.addTree(walk.parseTree(to.getTree().getId()));
        for (DiffEntry entry : DiffEntry.scan(tree)) {
          if (entry.getChangeType() != DiffEntry.ChangeType.ADD) {
            paths.add(entry.getOldPath());
          }
          if (entry.getChangeType() != DiffEntry.ChangeType.DELETE) {
            paths.add(entry.getNewPath());
          }
        }
      }
      return paths;
    } catch (IOException e) {
      throw localFailure(source, e);
    }
  }

  @Override
  public boolean isReachable(Source source, Revision revision) {
    Repository repo = repository(source);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(revision.value()));
      List<Ref> refs = new ArrayList<>(repo.getRefDatabase().getRefsByPrefix(HEADS));
      refs.addAll(repo.getRefDatabase().getRefsByPrefix(TAGS));
      for (Ref ref : refs) {
        Ref peeled = repo.getRefDatabase().peel(ref);
        ObjectId tip =
            peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : ref.getObjectId();
        RevCommit tipCommit;
        try {
          tipCommit = walk.parseCommit(tip);
        } catch (IncorrectObjectTypeException e) {
          continue; // a tag of a tree or blob
        }
        if (walk.isMergedInto(commit, tipCommit)) {
          return true;
        }
      }
      return false;
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      return false;
    } catch (IOException e) {
      throw localFailure(source, e);
    }
  }

  @Override
  public boolean isAncestor(Source source, Revision ancestor, Revision revision) {
    Repository repo = repository(source);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit base = walk.parseCommit(ObjectId.fromString(ancestor.value()));
      RevCommit tip = walk.parseCommit(ObjectId.fromString(revision.value()));
      return walk.isMergedInto(base, tip);
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      return false;
    } catch (IOException e) {
      throw localFailure(source, e);
    }
  }

  @Override
  public Revision restorePath(
      Source source,
      String branch,
      String path,
      Revision from,
      CommitIdentity author,
      String message) {
    String branchRef = branch.startsWith(HEADS) ? branch : HEADS + branch;
    Map<String, Ref> remote = listRemote(source);
    if (!remote.containsKey(branchRef)) {
      throw new PushRefusedException(
          source.name().value(),
          branch,
          "source '%s' has no branch '%s' to commit a restore on (a tag or revision cannot take"
                  .formatted(source.name(), branch)
              + " a commit)");
    }
    Revision head = update(source, branchRef);
    String dir = normalizePath(source, from, path);
    Repository repo = repository(source);
    ObjectId commitId;
    try (RevWalk walk = new RevWalk(repo);
        ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectReader reader = walk.getObjectReader();
      RevCommit headCommit = parseCommit(source, walk, head);
      RevCommit fromCommit = parseCommit(source, walk, from);
      ObjectId tree =
          replacePath(reader, inserter, headCommit.getTree(), fromCommit.getTree(), dir);
      if (tree.equals(headCommit.getTree())) {
        LOG.info(
            "source {}: branch {} already has path '{}' as at {}; no restore commit needed",
            source.name(),
            branch,
            dir,
            from.shortId());
        return head;
      }
      PersonIdent who = new PersonIdent(author.name(), author.email());
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      commit.setParentId(headCommit);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message);
      commitId = inserter.insert(commit);
      inserter.flush();
    } catch (IOException e) {
      throw localFailure(source, e);
    }
    push(source, repo, branch, branchRef, commitId);
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
   * when {@code from} has no such path). Every other entry keeps its mode and object.
   */
  private static ObjectId replacePath(
      ObjectReader reader, ObjectInserter inserter, ObjectId root, ObjectId from, String dir)
      throws IOException {
    if (dir.isEmpty()) {
      return from;
    }
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    String prefix = dir + "/";
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(root);
      walk.setRecursive(true);
      while (walk.next()) {
        String entryPath = walk.getPathString();
        if (entryPath.equals(dir) || entryPath.startsWith(prefix)) {
          continue;
        }
        DirCacheEntry entry = new DirCacheEntry(entryPath);
        entry.setFileMode(walk.getFileMode(0));
        entry.setObjectId(walk.getObjectId(0));
        builder.add(entry);
      }
    }
    try (TreeWalk at = TreeWalk.forPath(reader, dir, from)) {
      if (at != null && FileMode.TREE.equals(at.getRawMode(0))) {
        builder.addTree(
            dir.getBytes(StandardCharsets.UTF_8), DirCacheEntry.STAGE_0, reader, at.getObjectId(0));
      }
    }
    builder.finish();
    return index.writeTree(inserter);
  }

  private void push(
      Source source, Repository repo, String branch, String branchRef, ObjectId commit) {
    Iterable<PushResult> results =
        sendPush(source, repo, new RefSpec(commit.name() + ":" + branchRef), null);
    for (PushResult result : results) {
      RemoteRefUpdate update = result.getRemoteUpdate(branchRef);
      if (update == null) {
        continue;
      }
      if (update.getStatus() == RemoteRefUpdate.Status.OK
          || update.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE) {
        return;
      }
      StringBuilder why =
          new StringBuilder(
              "source '%s' refused the restore commit on branch '%s': %s"
                  .formatted(source.name(), branch, describe(update)));
      String remoteMessages = result.getMessages() == null ? "" : result.getMessages().trim();
      if (!remoteMessages.isEmpty()) {
        why.append(" (remote said: ").append(remoteMessages.replace('\n', ' ')).append(')');
      }
      throw new PushRefusedException(source.name().value(), branch, why.toString());
    }
    throw new PushRefusedException(
        source.name().value(),
        branch,
        "source '%s' did not report the push of branch '%s'".formatted(source.name(), branch));
  }

  /**
   * Pushes one ref spec to the source's remote with its write credentials ({@link
   * Source#pushAuth()}); with a lease, only if the remote ref is still at the leased id. Shared by
   * the restore commit and {@link JGitPromotionCommits}.
   *
   * @param lease the id the remote ref must have (zero id: it must not exist); null for none
   * @throws GitAccessException when the remote cannot be reached or refuses the credentials
   */
  Iterable<PushResult> sendPush(Source source, Repository repo, RefSpec spec, RefLeaseSpec lease) {
    try {
      PushCommand push = Git.wrap(repo).push().setRemote(source.url()).setRefSpecs(spec);
      if (lease != null) {
        push.setRefLeaseSpecs(lease);
      }
      return transport(push, source, true).call();
    } catch (GitAPIException | JGitInternalException e) {
      failureCount.increment();
      throw RemoteFailure.of(
          source.name().value(), source.url(), source.pushAuth(), timeoutSeconds, e);
    }
  }

  /** What the remote said about one ref of a push, for a refusal's message. */
  static String describe(RemoteRefUpdate update) {
    String what =
        switch (update.getStatus()) {
          case REJECTED_NONFASTFORWARD -> "the branch moved meanwhile (not a fast-forward)";
          case REJECTED_REMOTE_CHANGED -> "the branch moved meanwhile";
          case REJECTED_NODELETE -> "deletion refused";
          default -> update.getStatus().name().toLowerCase(java.util.Locale.ROOT);
        };
    String message = update.getMessage();
    return message == null || message.isBlank() ? what : what + ": " + message;
  }

  @Override
  public void close() {
    repositories.values().forEach(Repository::close);
    repositories.clear();
    sshFactories.values().forEach(f -> f.factory().close());
    sshFactories.clear();
    writeSshFactories.values().forEach(f -> f.factory().close());
    writeSshFactories.clear();
    synchronized (retiredSshFactories) {
      retiredSshFactories.forEach(SshdSessionFactory::close);
      retiredSshFactories.clear();
    }
  }

  // ---- fetching

  /**
   * Fetches unless {@code satisfied}; one fetch per source at a time. A call that arrives while
   * another fetch of the source runs waits for it, and fetches itself only if that one did not
   * bring what it needs (e.g. it was for another pull request ref).
   */
  private void fetch(
      Source source,
      Repository repo,
      List<RefSpec> specs,
      boolean prune,
      BooleanSupplier satisfied) {
    while (true) {
      if (satisfied.getAsBoolean()) {
        return;
      }
      CompletableFuture<Void> mine = new CompletableFuture<>();
      CompletableFuture<Void> running = fetches.putIfAbsent(source.name(), mine);
      if (running != null) {
        await(source, running);
        continue;
      }
      try {
        // Checked again now that this call owns the fetch: one may have finished in between.
        if (!satisfied.getAsBoolean()) {
          runFetch(source, repo, specs, prune);
        }
        mine.complete(null);
      } catch (RuntimeException e) {
        mine.completeExceptionally(e);
        throw e;
      } finally {
        fetches.remove(source.name(), mine);
      }
      return;
    }
  }

  private static void await(Source source, CompletableFuture<Void> running) {
    try {
      running.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitAccessException(
          source.name().value(),
          RemoteFailure.withoutUserInfo(source.url()),
          GitAccessException.Reason.OTHER,
          "source '%s': interrupted while waiting for a fetch".formatted(source.name()),
          e);
    }
  }

  private void runFetch(Source source, Repository repo, List<RefSpec> specs, boolean prune) {
    long start = System.nanoTime();
    try {
      transport(
              Git.wrap(repo)
                  .fetch()
                  .setRemote(source.url())
                  .setRefSpecs(specs)
                  .setRemoveDeletedRefs(prune)
                  .setTagOpt(TagOpt.NO_TAGS),
              source)
          .call();
    } catch (GitAPIException | JGitInternalException e) {
      failureCount.increment();
      throw RemoteFailure.of(source.name().value(), source.url(), source.auth(), timeoutSeconds, e);
    } finally {
      fetchCount.increment();
    }
    LOG.debug(
        "source {}: fetched {} in {} ms",
        source.name(),
        specs,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** The remote's refs (ls-remote), read directly for a repository on this host. */
  Map<String, Ref> listRemote(Source source) {
    remoteCheckCount.increment();
    Map<String, Ref> local = localRefs(source.url());
    if (local != null) {
      return local;
    }
    try {
      return transport(Git.lsRemoteRepository().setRemote(source.url()), source).callAsMap();
    } catch (GitAPIException | JGitInternalException e) {
      failureCount.increment();
      throw RemoteFailure.of(source.name().value(), source.url(), source.auth(), timeoutSeconds, e);
    }
  }

  /**
   * The refs of a repository on this host ({@code file://} or a plain path), read directly: the
   * same answer as ls-remote without starting an upload-pack, so a no-op check of a local source
   * costs well under a millisecond. Null when the URL is not local or does not open as a
   * repository; the transport then reports the failure as usual.
   */
  private static Map<String, Ref> localRefs(String url) {
    File dir;
    try {
      URIish uri = new URIish(url);
      if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
        return null;
      }
      if (uri.getScheme() == null && uri.getHost() != null) {
        return null; // scp-like user@host:path
      }
      dir = new File(uri.getPath());
    } catch (URISyntaxException e) {
      return null;
    }
    File gitDir = RepositoryCache.FileKey.resolve(dir, FS.DETECTED);
    if (gitDir == null) {
      return null;
    }
    try (Repository remote =
        RepositoryCache.open(RepositoryCache.FileKey.exact(gitDir, FS.DETECTED), true)) {
      Map<String, Ref> refs = new HashMap<>();
      for (Ref ref : remote.getRefDatabase().getRefs()) {
        refs.put(ref.getName(), ref);
      }
      Ref head = remote.exactRef(Constants.HEAD);
      if (head != null) {
        refs.put(Constants.HEAD, head);
      }
      return refs;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private <C extends TransportCommand<C, ?>> C transport(C command, Source source) {
    return transport(command, source, false);
  }

  /** Sets timeout and credentials: the source's write credentials when {@code write}. */
  private <C extends TransportCommand<C, ?>> C transport(C command, Source source, boolean write) {
    command.setTimeout(timeoutSeconds);
    GitAuth auth = write ? source.pushAuth() : source.auth();
    CredentialsProvider credentials = credentials(auth);
    if (credentials != null) {
      command.setCredentialsProvider(credentials);
    }
    command.setTransportConfigCallback(
        transport -> {
          if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(
                write ? sshFactory(source, auth, writeSshFactories, "-write") : sshFactory(source));
          }
        });
    return command;
  }

  private static CredentialsProvider credentials(GitAuth auth) {
    if (auth instanceof GitAuth.Token token) {
      return new UsernamePasswordCredentialsProvider(token.username(), token.token().reveal());
    }
    if (auth instanceof GitAuth.Basic basic) {
      return new UsernamePasswordCredentialsProvider(basic.username(), basic.password().reveal());
    }
    return null;
  }

  private SshdSessionFactory sshFactory(Source source) {
    return sshFactory(source, source.auth(), sshFactories, "");
  }

  private SshdSessionFactory sshFactory(
      Source source, GitAuth auth, ConcurrentMap<SourceName, SshFactory> factories, String suffix) {
    SshFactory current = factories.get(source.name());
    if (current != null && current.auth().equals(auth)) {
      return current.factory();
    }
    SshFactory fresh;
    try {
      fresh =
          new SshFactory(
              auth, SshAccess.sessionFactory(auth, sshDir.resolve(source.name().value() + suffix)));
    } catch (IOException | IllegalArgumentException e) {
      throw new GitAccessException(
          source.name().value(),
          RemoteFailure.withoutUserInfo(source.url()),
          GitAccessException.Reason.AUTH,
          "source '%s': SSH credentials unusable: %s".formatted(source.name(), e.getMessage()),
          null);
    }
    SshFactory previous = factories.put(source.name(), fresh);
    if (previous != null) {
      // Credentials changed; a fetch may still use the old factory, so close it only at the end.
      synchronized (retiredSshFactories) {
        retiredSshFactories.add(previous.factory());
      }
    }
    return fresh.factory();
  }

  // ---- the local clone

  /** The source's bare clone, opened once (created on first use). */
  Repository repository(Source source) {
    return repositories.computeIfAbsent(source.name(), name -> open(source));
  }

  private Repository open(Source source) {
    Path dir = sourcesDir.resolve(source.name().value());
    try {
      if (!Files.isRegularFile(dir.resolve("config"))) {
        Files.createDirectories(dir);
        Git.init().setBare(true).setGitDir(dir.toFile()).setInitialBranch("main").call().close();
      }
      Repository repo =
          new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
      StoredConfig config = repo.getConfig();
      // For people who look into the clone; fetches pass the URL (and credentials) directly, so
      // no credential is ever stored here.
      String shownUrl = RemoteFailure.withoutUserInfo(source.url());
      if (!shownUrl.equals(config.getString("remote", "origin", "url"))) {
        config.setString("remote", "origin", "url", shownUrl);
        config.setStringList(
            "remote",
            "origin",
            "fetch",
            BRANCHES_AND_TAGS.stream().map(RefSpec::toString).toList());
        config.setBoolean("remote", "origin", "prune", true);
        config.setBoolean("core", null, "logAllRefUpdates", false);
        config.save();
      }
      return repo;
    } catch (IOException | GitAPIException e) {
      throw new GitAccessException(
          source.name().value(),
          RemoteFailure.withoutUserInfo(source.url()),
          GitAccessException.Reason.OTHER,
          "source '%s': cannot open its clone in %s: %s".formatted(source.name(), dir, e),
          e);
    }
  }

  private static ObjectId localId(Repository repo, String refName) {
    try {
      Ref ref = repo.exactRef(refName);
      return ref == null ? null : ref.getObjectId();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read ref " + refName, e);
    }
  }

  private static boolean hasCommit(Repository repo, ObjectId id) {
    try (RevWalk walk = new RevWalk(repo)) {
      walk.parseCommit(id);
      return true;
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      return false;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read commit " + id.name(), e);
    }
  }

  private static Revision peel(Source source, Repository repo, ObjectId id, String ref) {
    try (RevWalk walk = new RevWalk(repo)) {
      return Revision.of(walk.parseCommit(id).getId().name());
    } catch (IncorrectObjectTypeException e) {
      throw new UnknownRefException(
          source.name().value(),
          ref,
          "source '%s': '%s' does not point at a commit".formatted(source.name(), ref));
    } catch (IOException e) {
      throw localFailure(source, e);
    }
  }

  private static RevCommit parseCommit(Source source, RevWalk walk, Revision revision) {
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

  private static GitAccessException localFailure(Source source, IOException e) {
    return new GitAccessException(
        source.name().value(),
        RemoteFailure.withoutUserInfo(source.url()),
        GitAccessException.Reason.OTHER,
        "source '%s': cannot read its clone: %s".formatted(source.name(), e.getMessage()),
        e);
  }

  // ---- refs and paths

  private static String checkRef(Source source, String ref) {
    if (ref == null || ref.isBlank()) {
      throw new UnknownRefException(
          source.name().value(),
          String.valueOf(ref),
          "source '%s': a ref is required".formatted(source.name()));
    }
    String name = ref.strip();
    boolean valid =
        Revision.isFullId(name)
            || Constants.HEAD.equals(name)
            || Repository.isValidRefName(name.startsWith("refs/") ? name : "refs/" + name);
    if (!valid) {
      throw new UnknownRefException(
          source.name().value(),
          ref,
          "source '%s': '%s' is not a valid ref name".formatted(source.name(), ref));
    }
    return name;
  }

  /** The names {@code name} may mean, in Git's order of precedence. */
  private static List<String> candidates(String name) {
    if (Constants.HEAD.equals(name) || name.startsWith("refs/")) {
      return List.of(name);
    }
    return List.of("refs/" + name, TAGS + name, HEADS + name);
  }

  private static Optional<String> remoteName(Map<String, Ref> remote, String name) {
    return candidates(name).stream().filter(remote::containsKey).findFirst();
  }

  /** Where a remote ref is kept locally: branches and tags as they are, others under ours. */
  private static String localName(String remoteName) {
    if (remoteName.startsWith(HEADS) || remoteName.startsWith(TAGS)) {
      return remoteName;
    }
    if (Constants.HEAD.equals(remoteName)) {
      return OWN + Constants.HEAD;
    }
    return OWN + remoteName.substring("refs/".length());
  }

  private static String normalizePath(Source source, Revision revision, String path) {
    String p = path == null ? "" : path.strip().replace('\\', '/');
    List<String> parts = new ArrayList<>();
    for (String part : p.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new UnknownRefException(
            source.name().value(),
            revision.value(),
            "path '%s' must not contain '..'".formatted(path));
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }

  private static ResourceKind kindOf(int rawMode) {
    if (FileMode.EXECUTABLE_FILE.equals(rawMode)) {
      return ResourceKind.EXECUTABLE;
    }
    if (FileMode.REGULAR_FILE.equals(rawMode)) {
      return ResourceKind.FILE;
    }
    if (FileMode.SYMLINK.equals(rawMode)) {
      return ResourceKind.SYMLINK;
    }
    return null;
  }

  /**
   * The bytes a commit signature covers: the raw commit with its {@code gpgsig} header (the first
   * line and its space-indented continuation lines) removed, as {@code git verify-commit} does.
   */
  static byte[] withoutSignature(byte[] raw) {
    byte[] header = "gpgsig ".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    boolean skipping = false;
    int pos = 0;
    while (pos < raw.length) {
      int end = pos;
      while (end < raw.length && raw[end] != '\n') {
        end++;
      }
      int next = Math.min(end + 1, raw.length);
      if (end == pos) {
        // The blank line ends the headers; the message is kept as it is.
        out.write(raw, pos, raw.length - pos);
        break;
      }
      if (skipping && raw[pos] == ' ') {
        pos = next;
        continue;
      }
      skipping = startsWith(raw, pos, header);
      if (!skipping) {
        out.write(raw, pos, next - pos);
      }
      pos = next;
    }
    return out.toByteArray();
  }

  private static boolean startsWith(byte[] raw, int pos, byte[] prefix) {
    if (raw.length - pos < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (raw[pos + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
