package io.driftless.api.model;

/**
 * {@code POST /api/v1/previews/{source}/{pr}/approve}: an operator approves a fork's head at one
 * commit, for the audit log with why.
 *
 * @param head the full SHA of the pull request's head being approved; a 409 when it has moved
 */
public record PreviewApproval(String head, String reason) {
  public PreviewApproval {
    Fields.required("head", head);
    Fields.required("reason", reason);
    if (!head.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
      throw new InvalidFieldException("head", "head must be a full commit SHA: " + head);
    }
  }
}
