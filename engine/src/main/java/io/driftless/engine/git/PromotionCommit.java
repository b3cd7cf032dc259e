package io.driftless.engine.git;

import io.driftless.engine.domain.Revision;
import java.util.List;
import java.util.Objects;

/**
 * A promotion commit built in the source's clone, not pushed yet.
 *
 * @param revision the commit
 * @param onto its parent: the head of the receiving branch it was built on
 * @param from the promoted revision
 * @param copied files written (added or changed), relative to the environment's path, sorted
 * @param deleted files removed because the promoting environment no longer has them, sorted
 */
public record PromotionCommit(
    Revision revision, Revision onto, Revision from, List<String> copied, List<String> deleted) {
  public PromotionCommit {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(onto, "onto");
    Objects.requireNonNull(from, "from");
    copied = List.copyOf(copied);
    deleted = List.copyOf(deleted);
  }
}
