package io.driftless.api.model;

import io.driftless.engine.domain.Revision;

/**
 * {@code POST /api/v1/environments/{name}/rollback}: exactly one of {@code toRun} (a successful run
 * of this environment) or {@code toRevision} (a full commit id), and why.
 */
public record RollbackRequest(Long toRun, String toRevision, String reason) {
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
  }
}
