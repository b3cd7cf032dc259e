package io.driftless.api.model;

/**
 * {@code POST /api/v1/environments/{name}/promote}: why, and optionally which revision of the
 * promoting environment ({@code promotion.from}) to promote.
 *
 * @param revision a full revision that {@code from} applied healthily; null for the one it applied
 *     last
 */
public record PromoteRequest(String reason, String revision) {
  public PromoteRequest {
    Fields.required("reason", reason);
    revision = revision == null || revision.isBlank() ? null : revision.strip();
  }
}
