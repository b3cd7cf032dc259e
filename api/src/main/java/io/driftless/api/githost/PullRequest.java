package io.driftless.api.githost;

import java.util.Objects;

/**
 * A pull request (GitLab: merge request) as the host reports it.
 *
 * @param number the number people see ({@code #7}, GitLab's {@code !7} iid)
 * @param head the branch it proposes
 * @param base the branch it would merge into
 * @param url its page on the host; empty when the host gave none
 * @param mergeCommit the commit that landed on the base branch (merge, squash or, on GitLab's
 *     fast-forward merges, the head); null unless {@link State#MERGED}
 * @param author who opened it; null when the host did not say
 */
public record PullRequest(
    long number,
    State state,
    String head,
    String base,
    String title,
    String url,
    String mergeCommit,
    HostUser author) {
  public PullRequest {
    Objects.requireNonNull(state, "state");
    head = head == null ? "" : head;
    base = base == null ? "" : base;
    title = title == null ? "" : title;
    url = url == null ? "" : url;
    if (state != State.MERGED) {
      mergeCommit = null;
    }
  }

  public enum State {
    OPEN,
    CLOSED,
    MERGED
  }
}
