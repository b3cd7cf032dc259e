package io.driftless.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The newest preview of one pull request ({@code GET /api/v1/previews}): what merging it would
 * apply to each environment whose path it touches, computed at its head; nothing was applied.
 *
 * @param state {@code pending} while computing, then {@code done}
 * @param trust {@code trusted} (the head is in the base repository), {@code untrusted} (a fork's
 *     head: counts and resource names only, no content, no command, no live object outside the
 *     inventory) or {@code approved} (a fork's head an operator approved at this SHA)
 * @param approvedBy who approved the head, when {@code approved}
 * @param message why no environment is listed (the pull request touches none, or the preview could
 *     not be computed); null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreviewResponse(
    String source,
    long pr,
    String head,
    String baseRef,
    String state,
    String trust,
    String approvedBy,
    String message,
    List<EnvironmentPreview> environments,
    Instant createdAt,
    Instant updatedAt) {
  public PreviewResponse {
    environments = environments == null ? List.of() : List.copyOf(environments);
  }

  /**
   * One environment's preview.
   *
   * @param result {@code changes}, {@code no_changes} or {@code failed}
   * @param summary "3 changes: 2 updates, 1 delete", "no changes", or the error
   * @param plan the plan, diffs included; null when failed
   * @param error why it failed (a malformed file names {@code file} and {@code line} in details)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EnvironmentPreview(
      String environment,
      String path,
      String result,
      String summary,
      PlanResponse plan,
      RunResponse.ErrorView error) {
    public static final String CHANGES = "changes";
    public static final String NO_CHANGES = "no_changes";
    public static final String FAILED = "failed";

    public boolean failed() {
      return FAILED.equals(result);
    }
  }
}
