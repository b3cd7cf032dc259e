package io.driftless.api.model;

import io.driftless.engine.domain.Revision;

/**
 * {@code POST /api/v1/environments/{name}/rollback}: exactly one of {@code toRun} (a successful run
 * of this environment) or {@code toRevision} (a full commit id), and why.
 *
 * @param revertCommit also commit, on the environment's branch, a restore of its path to the pinned
 *     content, and unpin once that commit is applied
 */
public record RollbackRequest(Long toRun, String toRevision, String reason, Boolean revertCommit) {
  static final int MAX_REASON = 4096;

  public RollbackRequest {
    if ((toRun == null) == (toRevision == null || toRevision.isBlank())) {
      throw new InvalidFieldException("toRun", "give exactly one of toRun or toRevision");
    }
    if (toRevision != null && !toRevision.isBlank() && !Revision.isFullId(toRevision.trim())) {
      throw new InvalidFieldException(
          "toRevision", "toRevision must be a full 40-digit commit id: " + toRevision);
    }
    if (toRun != null && toRun <= 0) {
      throw new InvalidFieldException("toRun", "toRun must be a run id: " + toRun);
    }
    Fields.required("reason", reason);
    if (reason.length() > MAX_REASON) {
      throw new InvalidFieldException(
          "reason", "reason must be at most " + MAX_REASON + " characters");
    }
  }

  public boolean restoreCommitAsked() {
    return Boolean.TRUE.equals(revertCommit);
  }
}
