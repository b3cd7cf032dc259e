package io.driftless.engine.git;

import io.driftless.engine.domain.Revision;
import java.util.List;
import java.util.Objects;

/**
 * What pushing a promotion commit did.
 *
 * @param branch the branch pushed to, without {@code refs/heads/}
 * @param head the branch's head on the remote now: the promotion commit when {@link
 *     Outcome#PUSHED}; the remote's own head when {@link Outcome#UP_TO_DATE} or {@link
 *     Outcome#DIVERGED}
 * @param foreign when {@link Outcome#DIVERGED}: commits on the branch that Driftless did not write
 *     (at most {@link #MAX_FOREIGN}), newest first; else empty
 */
public record PromotionPush(Outcome outcome, String branch, Revision head, List<Revision> foreign) {
  public static final int MAX_FOREIGN = 20;

  public PromotionPush {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(head, "head");
    foreign = List.copyOf(foreign);
    if ((outcome == Outcome.DIVERGED) == foreign.isEmpty()) {
      throw new IllegalArgumentException("foreign commits are those of a diverged branch");
    }
  }

  public enum Outcome {
    /** The branch now has the promotion commit. */
    PUSHED,
    /** The branch already had it, or a commit of Driftless with the same parent and content. */
    UP_TO_DATE,
    /** Someone else's commits are on the branch: nothing was pushed. */
    DIVERGED
  }
}
