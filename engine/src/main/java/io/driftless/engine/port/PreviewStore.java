package io.driftless.engine.port;

import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.query.StoredPreview;
import java.util.List;
import java.util.Optional;

/** The newest preview of each pull request. */
public interface PreviewStore {

  /** The most previews {@link #list} returns. */
  int MAX_LIST = 100;

  /**
   * Records that the pull request is now at {@code head} and its preview is being computed; the
   * comment id is kept. Returns the pending preview.
   */
  StoredPreview start(SourceName source, long pr, String head, String baseRef);

  /**
   * Stores the result computed for {@code head}; false (and nothing written) when the pull request
   * has moved to another head since.
   */
  boolean complete(SourceName source, long pr, String head, String resultJson);

  /** Remembers the host's id of the pull request's comment. */
  /**
   * Marks the pull request's preview closed (the PR was closed or merged); retention deletes it.
   */
  void close(SourceName source, long pr);

  void recordComment(SourceName source, long pr, String commentId);

  Optional<StoredPreview> find(SourceName source, long pr);

  /** The previews of a source, most recently updated first, at most {@link #MAX_LIST}. */
  List<StoredPreview> list(SourceName source);
}
