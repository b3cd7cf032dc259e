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
final class JGitWriter implements GitWriter {
  private final RestoreCommits restores;
  private final PromotionBuilder promotions;
  private final PromotionPushes promotionPushes;

  JGitWriter(
      RestoreCommits restores, PromotionBuilder promotions, PromotionPushes promotionPushes) {
    this.restores = restores;
    this.promotions = promotions;
    this.promotionPushes = promotionPushes;
  }

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
