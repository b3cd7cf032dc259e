package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.git.GitAccessException;
import io.driftless.engine.git.UnknownRefException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a source's clone up to date for one ref, fetching as little as it can: an ls-remote first,
 * so an unchanged remote costs no fetch; a revision the clone already holds costs no network at
 * all; one ls-remote for the callers waiting at the same time ({@link SharedRefListings}); and one
 * fetch per source at a time, shared by every caller that it satisfies.
 */
final class CoalescingFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(CoalescingFetcher.class);

  private final SourceClones clones;
  private final GitRemote remote;
  private final SharedRefListings listings;
  private final ConcurrentMap<SourceName, CompletableFuture<Void>> fetches =
      new ConcurrentHashMap<>();

  CoalescingFetcher(SourceClones clones, GitRemote remote) {
    this.clones = clones;
    this.remote = remote;
    this.listings = new SharedRefListings(remote::listRefs, remote.timeout().multipliedBy(2));
  }

  /** See {@link io.driftless.engine.git.GitReader#remoteTimeout}. */
  Duration remoteTimeout() {
    return remote.timeout();
  }

  /** See {@link io.driftless.engine.git.GitReader#update}. */
  Revision update(Source source, String ref) {
    String name = RefNames.check(source, ref);
    Repository repo = clones.repository(source);
    if (Revision.isFullId(name)) {
      return updateToRevision(source, repo, ObjectId.fromString(name));
    }
    Map<String, Ref> refs = listings.listRefs(source);
    String remoteName =
        RefNames.remoteName(refs, name)
            .orElseThrow(
                () ->
                    new UnknownRefException(
                        source.name().value(),
                        ref,
                        "source '%s' has no branch, tag or ref '%s' at %s"
                            .formatted(
                                source.name(), ref, RemoteFailure.withoutUserInfo(source.url()))));
    ObjectId remoteId = refs.get(remoteName).getObjectId();
    String localName = RefNames.localName(remoteName);
    List<RefSpec> specs = new ArrayList<>(RefNames.BRANCHES_AND_TAGS);
    if (!localName.equals(remoteName)) {
      specs.add(new RefSpec("+" + remoteName + ":" + localName));
    }
    fetch(source, repo, specs, true, () -> remoteId.equals(SourceClones.localId(repo, localName)));
    ObjectId local = SourceClones.localId(repo, localName);
    if (local == null) {
      throw new UnknownRefException(
          source.name().value(),
          ref,
          "source '%s': '%s' disappeared from the remote during the fetch"
              .formatted(source.name(), ref));
    }
    return SourceClones.peel(source, repo, local, ref);
  }

  private Revision updateToRevision(Source source, Repository repo, ObjectId id) {
    BooleanSupplier present = () -> SourceClones.hasCommit(repo, id);
    if (!present.getAsBoolean()) {
      // Most revisions asked for are on a branch that has moved since the last fetch.
      fetch(source, repo, RefNames.BRANCHES_AND_TAGS, true, present);
    }
    if (!present.getAsBoolean()) {
      // Servers that allow it (GitHub, GitLab, JGit, Git >= 2.5 with the config) serve any
      // reachable commit by id; keep a ref so that it survives garbage collection.
      try {
        fetch(source, repo, List.of(RefNames.revisionById(id.name())), false, present);
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
          remote.fetch(source, repo, specs, prune);
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
      throw SharedRefListings.interrupted(source, "a fetch", e);
    }
  }
}
