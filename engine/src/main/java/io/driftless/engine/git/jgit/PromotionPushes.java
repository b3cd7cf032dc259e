package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.PromotionCommit;
import io.driftless.engine.git.PromotionPush;
import io.driftless.engine.git.PromotionRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushing a promotion commit: to the receiving environment's own branch as a fast-forward, or to
 * the promotion branch of a pull request, which it moves only while every commit there is
 * Driftless's own.
 */
record PromotionPushes(SourceClones clones, CoalescingFetcher fetcher, BranchPushes branches) {
  private static final Logger LOG = LoggerFactory.getLogger(PromotionPushes.class);

  /** A commit on a promotion branch this far from the receiving branch is not Driftless's. */
  private static final int MAX_WALK = 1_000;

  /** See {@link io.driftless.engine.git.GitWriter#pushPromotion}. */
  PromotionPush toBranch(Source source, PromotionCommit commit, String branch) {
    String ref = RefNames.validBranchRef(branch);
    RemoteRefUpdate update =
        push(source, commit, branch, false, new RefLeaseSpec(ref, commit.onto().value()));
    logPushed(source, commit, branch);
    return new PromotionPush(
        update.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE
            ? PromotionPush.Outcome.UP_TO_DATE
            : PromotionPush.Outcome.PUSHED,
        RefNames.shortBranch(branch),
        commit.revision(),
        List.of());
  }

  /** See {@link io.driftless.engine.git.GitWriter#pushPromotionBranch}. */
  PromotionPush toPromotionBranch(Source source, PromotionCommit commit, String branch) {
    String ref = RefNames.validBranchRef(branch);
    String name = RefNames.shortBranch(branch);
    ObjectId head = branches.remoteHead(source, ref);
    ObjectId expected = ObjectId.zeroId();
    if (head != null) {
      Revision remoteHead = Revision.of(head.name());
      if (head.name().equals(commit.revision().value())) {
        return new PromotionPush(PromotionPush.Outcome.UP_TO_DATE, name, remoteHead, List.of());
      }
      fetcher.update(source, ref); // its commits, to see who wrote them
      try (RevWalk walk = new RevWalk(clones.repository(source))) {
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
          return new PromotionPush(PromotionPush.Outcome.DIVERGED, name, remoteHead, foreign);
        }
        if (theirs.getParentCount() == 1
            && theirs.getParent(0).equals(ours.getParent(0))
            && theirs.getTree().equals(ours.getTree())) {
          // The same promotion, built again: keep the branch (and the pull request) as it is.
          return new PromotionPush(PromotionPush.Outcome.UP_TO_DATE, name, remoteHead, List.of());
        }
      } catch (IOException e) {
        throw SourceClones.localFailure(source, e);
      }
      expected = head;
    }
    push(source, commit, branch, true, new RefLeaseSpec(ref, expected.name()));
    logPushed(source, commit, branch);
    return new PromotionPush(PromotionPush.Outcome.PUSHED, name, commit.revision(), List.of());
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

  private RemoteRefUpdate push(
      Source source, PromotionCommit commit, String branch, boolean force, RefLeaseSpec lease) {
    String ref = RefNames.validBranchRef(branch);
    RefSpec spec = new RefSpec((force ? "+" : "") + commit.revision().value() + ":" + ref);
    return branches.push(
        source, spec, ref, lease, "promotion commit", RefNames.shortBranch(branch));
  }

  private static void logPushed(Source source, PromotionCommit commit, String branch) {
    LOG.info(
        "source {}: pushed promotion commit {} of {} to branch {}",
        source.name(),
        commit.revision().shortId(),
        commit.from().shortId(),
        branch);
  }
}
