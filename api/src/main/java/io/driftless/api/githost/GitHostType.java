package io.driftless.api.githost;

import java.util.Locale;
import java.util.Optional;

/** The Git hosts Driftless reports pull-request previews to, with their comment size limits. */
public enum GitHostType {
  /** {@code POST /repos/{o}/{r}/statuses/{sha}}; comments at most 65,536 characters. */
  GITHUB(65_536),
  /** {@code POST /api/v4/projects/{id}/statuses/{sha}}; notes at most 1,000,000 characters. */
  GITLAB(1_000_000),
  /**
   * GitHub's REST shapes under {@code /api/v1}. Gitea documents no comment limit; GitHub's 65,536
   * keeps a comment readable and within what every database Gitea runs on stores.
   */
  GITEA(65_536);

  private final int maxCommentLength;

  GitHostType(int maxCommentLength) {
    this.maxCommentLength = maxCommentLength;
  }

  /** The most characters the host accepts in one comment. */
  public int maxCommentLength() {
    return maxCommentLength;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<GitHostType> named(String name) {
    for (GitHostType type : values()) {
      if (type.label().equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
