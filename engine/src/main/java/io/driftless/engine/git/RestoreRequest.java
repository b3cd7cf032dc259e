package io.driftless.engine.git;

import io.driftless.engine.domain.Revision;
import java.util.Objects;

/**
 * One restore commit to make (a rollback with {@code revertCommit}): {@code path} on {@code branch}
 * put back as it was at {@code from}, everything else on the branch left as it is.
 *
 * @param branch the branch to commit on: a name ({@code main}) or a full ref name ({@code
 *     refs/heads/main})
 * @param path the environment's path, {@code ""} for the repository's root
 * @param from the revision whose content the path gets back; must be in the source's clone
 * @param author who authors and commits it
 * @param message the commit message
 */
public record RestoreRequest(
    String branch, String path, Revision from, CommitIdentity author, String message) {
  public RestoreRequest {
    if (branch == null || branch.isBlank()) {
      throw new IllegalArgumentException("a restore commit needs a branch");
    }
    path = path == null ? "" : path;
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(author, "author");
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("a restore commit needs a message");
    }
  }
}
