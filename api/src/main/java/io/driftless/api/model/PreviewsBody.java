package io.driftless.api.model;

import io.driftless.engine.domain.ForkPreviews;

/**
 * A source's {@code previews} settings.
 *
 * @param forks what a pull request from a fork (an untrusted head) gets: {@code summary} (counts
 *     and names, no content; the default), {@code approve} (nothing until an operator approves the
 *     head) or {@code off}
 */
public record PreviewsBody(String forks) {
  public PreviewsBody {
    toDomain(forks);
  }

  ForkPreviews toDomain() {
    return toDomain(forks);
  }

  private static ForkPreviews toDomain(String forks) {
    return Fields.check("previews.forks", () -> ForkPreviews.parse(forks));
  }
}
