package io.driftless.api.githost;

import java.util.Objects;

/**
 * A commit status as every host shows it beside the commit: a state, a context that names it
 * ({@code driftless/<environment>}), one line of description and a link.
 *
 * @param targetUrl where the status links to; null for none
 */
public record CommitStatus(State state, String context, String description, String targetUrl) {
  /** GitHub limits a status description to 140 characters; the others take more. */
  public static final int MAX_DESCRIPTION = 140;

  public CommitStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(context, "context");
    description = oneLine(description == null ? "" : description);
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() <= MAX_DESCRIPTION
        ? line
        : line.substring(0, MAX_DESCRIPTION - 1) + "\u2026";
  }

  public enum State {
    PENDING,
    SUCCESS,
    FAILURE
  }
}
