package io.driftless.api.model;

/** The body of {@code unpin}, {@code suspend} and {@code resume}: why, for the audit log. */
public record ReasonRequest(String reason) {
  public ReasonRequest {
    Fields.required("reason", reason);
  }
}
