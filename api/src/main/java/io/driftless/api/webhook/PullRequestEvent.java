package io.driftless.api.webhook;

import java.util.Objects;

/**
 * A pull request (GitLab: merge request) opened, reopened or moved to a new head: what a preview
 * needs.
 *
 * @param number the pull request's number (GitLab: the merge request's iid)
 * @param baseRef the branch it merges into, {@code main}
 * @param head the commit at its head
 * @param headRef the ref the host serves the head under, also for a fork: {@code refs/pull/7/head}
 *     (GitHub, Gitea) or {@code refs/merge-requests/7/head} (GitLab)
 */
public record PullRequestEvent(long number, String baseRef, String head, String headRef) {
  public PullRequestEvent {
    if (number <= 0) {
      throw new IllegalArgumentException("no pull request number");
    }
    if (baseRef == null || baseRef.isBlank()) {
      throw new IllegalArgumentException("no base branch");
    }
    if (head == null || !head.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
      throw new IllegalArgumentException("no head commit");
    }
    Objects.requireNonNull(headRef, "headRef");
    baseRef = baseRef.replaceFirst("^refs/heads/", "");
  }
}
