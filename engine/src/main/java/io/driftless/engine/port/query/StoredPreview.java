package io.driftless.engine.port.query;

import io.driftless.engine.domain.SourceName;
import java.time.Instant;
import java.util.Objects;

/**
 * The newest preview of one pull request.
 *
 * @param head the revision it is (being) computed for
 * @param baseRef the branch the pull request merges into
 * @param state {@code pending} while computing, then {@code done}
 * @param resultJson the per-environment plans and errors, as the api module writes them; null while
 *     pending
 * @param commentId the host's id of the pull-request comment, once written
 */
public record StoredPreview(
    SourceName source,
    long pr,
    String head,
    String baseRef,
    String state,
    String resultJson,
    String commentId,
    Instant createdAt,
    Instant updatedAt) {
  public static final String PENDING = "pending";
  public static final String DONE = "done";

  public StoredPreview {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(state, "state");
  }
}
