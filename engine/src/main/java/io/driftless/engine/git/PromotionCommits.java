package io.driftless.engine.git;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Source;
import java.util.Optional;

/**
 * Promotion commits: built in a source's clone from what one environment applied, and pushed to the
 * receiving environment's branch ({@code via: commit}) or to a promotion branch that a pull request
 * proposes ({@code via: pull-request}). Every method throws {@link GitException} subclasses.
 */
public interface PromotionCommits {

  /** The branch a pull-request promotion into {@code environment} is pushed to. */
  static String promotionBranch(EnvironmentName environment) {
    return "driftless/promote/" + environment.value();
  }

  /**
   * Builds one commit on top of {@code request.onto()} whose tree is {@code onto}'s, except under
   * {@code toPath}: every file of {@code fromPath} at {@code from} that {@code paths} matches is
   * copied to the same place under {@code toPath} (content and executable bit), and every file
   * under {@code toPath} that {@code paths} matches and {@code fromPath} no longer has is deleted.
   * Files that {@code paths} does not match, and everything outside {@code toPath}, keep their
   * content. Nothing is pushed.
   *
   * @return the commit, or empty when it would change nothing
   * @throws PromotionRefusedException when a matching file at {@code from} is a symbolic link or a
   *     submodule, or a copied file collides with a file or directory left in place
   * @throws UnknownRefException when a revision is not in the clone or {@code fromPath} does not
   *     exist at {@code from}
   */
  Optional<PromotionCommit> build(Source source, PromotionRequest request);

  /**
   * Pushes {@code commit} to {@code branch} (the receiving environment's own branch) as a
   * fast-forward from {@code commit.onto()}, with the source's write credentials.
   *
   * @throws PushRefusedException when the remote refuses it (a hook or a protected branch, with the
   *     remote's reason) or the branch has moved since {@code onto} (build again on the new head)
   */
  PromotionPush pushToBranch(Source source, PromotionCommit commit, String branch);

  /**
   * Moves the promotion branch {@code branch} to {@code commit}, replacing an older promotion
   * there, unless the branch has a commit that Driftless did not write (a reviewer's fix, a merge
   * of the base branch): then nothing is pushed and the outcome is {@link
   * PromotionPush.Outcome#DIVERGED}. A commit is Driftless's when its committer is {@code commit}'s
   * committer and its message has the {@link PromotionRequest#TRAILER} trailer; commits the
   * receiving branch already has do not count. The push is leased on the head that was checked, so
   * a commit pushed in between is refused, not overwritten.
   *
   * @throws PushRefusedException when the remote refuses it, with the remote's reason
   */
  PromotionPush pushToPromotionBranch(Source source, PromotionCommit commit, String branch);
}
