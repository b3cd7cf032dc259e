package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.GitWriter;
import io.driftless.engine.git.PromotionCommit;
import io.driftless.engine.git.PromotionPush;
import io.driftless.engine.git.PromotionRequest;
import io.driftless.engine.git.RestoreRequest;
import java.util.Optional;

/**
 * {@link GitWriter} on a {@link JGitMirror}'s clones: {@link RestoreCommits} and {@link
 * PromotionBuilder} build commits in memory ({@link TreeCommits}); {@link PromotionPushes} and the
 * restore push through {@link BranchPushes} with the source's write credentials.
 */
record JGitWriter(
    RestoreCommits restores, PromotionBuilder promotions, PromotionPushes promotionPushes)
    implements GitWriter {
  @Override
  public Revision restorePath(Source source, RestoreRequest request) {
    return restores.restorePath(source, request);
  }

  @Override
  public Optional<PromotionCommit> buildPromotion(Source source, PromotionRequest request) {
    return promotions.build(source, request);
  }

  @Override
  public PromotionPush pushPromotion(Source source, PromotionCommit commit, String branch) {
    return promotionPushes.toBranch(source, commit, branch);
  }

  @Override
  public PromotionPush pushPromotionBranch(Source source, PromotionCommit commit, String branch) {
    return promotionPushes.toPromotionBranch(source, commit, branch);
  }
}
