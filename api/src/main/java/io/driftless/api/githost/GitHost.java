package io.driftless.api.githost;

/**
 * The calls Driftless makes to a Git host about one repository's pull requests. Implementations
 * retry transient failures a bounded number of times and throw {@link GitHostException} after.
 */
public interface GitHost {

  /**
   * Sets the commit status with {@code status.context()} on {@code sha}, replacing an older one.
   */
  void setStatus(String sha, CommitStatus status);

  /**
   * Writes {@code body} as Driftless's one comment on the pull request: edits the comment {@code
   * knownId} when it still exists, else the first comment that contains {@code marker}, else
   * creates one. Returns the comment's id.
   *
   * @param knownId the id stored from an earlier call; null when none
   */
  String upsertComment(long pr, String knownId, String marker, String body);

  /** The most characters one comment may hold. */
  int maxCommentLength();
}
