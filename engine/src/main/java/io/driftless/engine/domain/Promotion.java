package io.driftless.engine.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One promotion as it was made: which revision of which environment went into which one, and how.
 * What happened to it afterwards is its {@link PromotionState}, kept by {@code PromotionLog}.
 *
 * @param fromPath the promoting environment's path when it was promoted, {@code ""} for the root
 * @param paths the rule's globs when it was promoted: what must be equal for it to count as applied
 * @param commit the promotion commit; null when none was built (nothing pushed)
 * @param branch where it was pushed, or would have been; null when nothing was built
 * @param pullRequest its pull request ({@code via: pull-request}); null otherwise or when the host
 *     did not take it
 * @param fromAppliedAt when the promoting environment's succeeded run at {@code revision} finished;
 *     null when unknown. The lead time runs from here to the receiving environment's apply.
 */
public record Promotion(
    EnvironmentName environment,
    EnvironmentName from,
    String fromPath,
    PromotionPaths paths,
    PromotionRule.Via via,
    Revision revision,
    Revision commit,
    String branch,
    PullRequestLink pullRequest,
    String requestedBy,
    String reason,
    Instant fromAppliedAt) {
  public Promotion {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(from, "from");
    fromPath = fromPath == null ? "" : fromPath;
    paths = paths == null ? PromotionPaths.everything() : paths;
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(reason, "reason");
  }

  /** A pull request on the source's host. */
  public record PullRequestLink(int number, String url) {
    public PullRequestLink {
      if (number <= 0) {
        throw new IllegalArgumentException("pull request number must be positive: " + number);
      }
    }
  }
}
