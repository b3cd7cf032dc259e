package io.driftless.api.githost;

import java.util.Optional;

/**
 * The calls Driftless makes to a Git host about one repository's pull requests. Implementations
 * retry transient failures a bounded number of times and throw {@link GitHostException} after;
 * every call is counted in {@code driftless_git_host_requests_total}.
 */
public interface GitHost {

  /**
   * Sets the commit status with {@code status.context()} on {@code sha}, replacing an older one.
   */
  void setStatus(String sha, CommitStatus status);

  /**
   * Writes {@code body} as Driftless's one comment on the pull request: edits the comment {@code
   * knownId} when it still exists and was written by {@link #self()}, else the first comment that
   * contains {@code marker} and was written by {@link #self()}, else creates one. A comment by
   * anyone else is never edited, whatever it contains. When the host does not say who the token is
   * (a token that may not read {@code /user}), no comment is adopted by its marker: {@code knownId}
   * (which only this server stored) is edited, or a new comment is created. Returns the comment's
   * id.
   *
   * @param knownId the id stored from an earlier call; null when none
   */
  String upsertComment(long pr, String knownId, String marker, String body);

  /** The most characters one comment (or pull request body) may hold. */
  int maxCommentLength();

  /**
   * The account this host API's token acts as ({@code GET /user}): asked once per host API and
   * token, then remembered.
   *
   * @throws GitHostException when the host does not answer or refuses
   */
  HostUser self();

  /**
   * The open pull request that proposes branch {@code head} of this repository into {@code base}. A
   * pull request from a fork with a branch of the same name is not it.
   */
  Optional<PullRequest> findOpenPullRequest(String head, String base);

  /**
   * Opens a pull request. When the host answers that one is already open for these branches (a
   * retried call, or an earlier attempt whose answer was lost), returns that one.
   */
  PullRequest createPullRequest(PullRequestDraft draft);

  /** Replaces the title and body of pull request {@code number}; returns it as it now is. */
  PullRequest editPullRequest(long number, String title, String body);

  /** Pull request {@code number} as it is now: open, closed or merged (with its merge commit). */
  PullRequest pullRequest(long number);
}
