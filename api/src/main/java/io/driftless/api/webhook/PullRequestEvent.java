package io.driftless.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.engine.domain.Require;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A pull request (GitLab: merge request) opened, reopened, moved to a new head or closed: what a
 * preview needs.
 *
 * @param number the pull request's number (GitLab: the merge request's iid)
 * @param baseRef the branch it merges into, {@code main}
 * @param head the commit at its head
 * @param headRef the ref the host serves the head under, also for a fork: {@code refs/pull/7/head}
 *     (GitHub, Gitea) or {@code refs/merge-requests/7/head} (GitLab)
 * @param updatedAt when the host last changed the pull request, from the payload ({@code
 *     pull_request.updated_at}, GitLab {@code object_attributes.updated_at}); orders the events of
 *     one pull request so a replayed older one is ignored. Null when the payload has none.
 * @param closed the pull request was closed or merged: its previews are kept for {@code
 *     retention.closedPreviewsFor}, then deleted
 * @param untrusted its head repository is not the base repository (a fork; GitHub and Gitea {@code
 *     head.repo} vs {@code base.repo}, GitLab {@code source_project_id} vs {@code
 *     target_project_id}), or the payload does not say: no command, no live object outside the
 *     inventory and no content until an operator approves the head
 */
public record PullRequestEvent(
    long number,
    String baseRef,
    String head,
    String headRef,
    Instant updatedAt,
    boolean closed,
    boolean untrusted) {
  private static final DateTimeFormatter GITLAB_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss [z][Z]");

  public PullRequestEvent(long number, String baseRef, String head, String headRef) {
    this(number, baseRef, head, headRef, null, false, false);
  }

  public PullRequestEvent {
    if (number <= 0) {
      throw new IllegalArgumentException("no pull request number");
    }
    Require.text(baseRef, "no base branch");
    if (head == null || !head.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
      throw new IllegalArgumentException("no head commit");
    }
    Objects.requireNonNull(headRef, "headRef");
    baseRef = baseRef.replaceFirst("^refs/heads/", "");
  }

  /**
   * Whether two repositories of a payload are the same one: by {@code id} when both have one, else
   * by {@code full_name}; a missing repository (a deleted fork) is never the same.
   */
  static boolean sameRepository(JsonNode head, JsonNode base) {
    if (head.path("id").isNumber() && base.path("id").isNumber()) {
      return head.path("id").asLong() == base.path("id").asLong();
    }
    String name = head.path("full_name").asText("");
    return !name.isEmpty() && name.equals(base.path("full_name").asText(""));
  }

  /**
   * A host's update time: ISO-8601 ({@code 2026-12-04T18:00:00Z}, GitHub and Gitea) or GitLab's
   * {@code 2026-12-04 18:00:00 UTC}; null when absent or unreadable.
   */
  static Instant time(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return ZonedDateTime.parse(text.trim(), GITLAB_TIME).toInstant();
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }
}
