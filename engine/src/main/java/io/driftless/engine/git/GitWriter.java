package io.driftless.engine.git;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import java.util.Optional;

/**
 * Writing to a source's Git repository: the commits Driftless makes (a rollback's restore commit, a
 * promotion commit), built in the source's clone without a work tree and pushed with the source's
 * write credentials ({@link Source#pushAuth()}). Reading is {@link GitReader}'s.
 *
 * <p>All methods throw {@link GitException} subclasses: {@link GitAccessException} when the remote
 * cannot be reached or refuses the credentials (its message never holds a credential), {@link
 * PushRefusedException} when the remote refuses a push, with its reason, {@link
 * UnknownRefException} when a revision is not in the clone.
 */
public interface GitWriter {

  /** The branch a pull-request promotion into {@code environment} is pushed to. */
  static String promotionBranch(EnvironmentName environment) {
    return "driftless/promote/" + environment.value();
  }

  /**
   * Commits on {@code request.branch()} a restore of {@code request.path()} to its content at
   * {@code request.from()}, and pushes it. The new commit's tree is the branch head's tree with
   * only that path replaced, so other paths on the branch keep their content; the commit's parent
   * is the head, so the push is a fast-forward.
   *
   * @return the restore commit, or the branch head when the path already had that content there
   * @throws PushRefusedException when the remote refuses the push or the branch is not a branch
   * @throws UnknownRefException when {@code from} is not in the clone
   */
  Revision restorePath(Source source, RestoreRequest request);

  /**
   * Builds one promotion commit on top of {@code request.onto()} whose tree is {@code onto}'s,
   * except under {@code toPath}: every file of {@code fromPath} at {@code from} that {@code paths}
   * matches is copied to the same place under {@code toPath} (content and executable bit), and
   * every file under {@code toPath} that {@code paths} matches and {@code fromPath} no longer has
   * is deleted. Files that {@code paths} does not match, and everything outside {@code toPath},
   * keep their content. Nothing is pushed.
   *
   * @return the commit, or empty when it would change nothing
   * @throws PromotionRefusedException when a matching file at {@code from} is a symbolic link or a
   *     submodule, or a copied file collides with a file or directory left in place
   * @throws UnknownRefException when a revision is not in the clone or {@code fromPath} does not
   *     exist at {@code from}
   */
  Optional<PromotionCommit> buildPromotion(Source source, PromotionRequest request);

  /**
   * Pushes a promotion {@code commit} to {@code branch} (the receiving environment's own branch,
   * {@code via: commit}) as a fast-forward from {@code commit.onto()}.
   *
   * @throws PushRefusedException when the remote refuses it (a hook or a protected branch, with the
   *     remote's reason) or the branch has moved since {@code onto} (build again on the new head)
   */
  PromotionPush pushPromotion(Source source, PromotionCommit commit, String branch);

  /**
   * Moves the promotion branch {@code branch} (see {@link #promotionBranch}; {@code via:
   * pull-request}) to {@code commit}, replacing an older promotion there, unless the branch has a
   * commit that Driftless did not write (a reviewer's fix, a merge of the base branch): then
   * nothing is pushed and the outcome is {@link PromotionPush.Outcome#DIVERGED}. A commit is
   * Driftless's when its committer is {@code commit}'s committer and its message has the {@link
   * PromotionRequest#TRAILER} trailer; commits the receiving branch already has do not count. The
   * push is leased on the head that was checked, so a commit pushed in between is refused, not
   * overwritten.
   *
   * @throws PushRefusedException when the remote refuses it, with the remote's reason
   */
  PromotionPush pushPromotionBranch(Source source, PromotionCommit commit, String branch);
}
