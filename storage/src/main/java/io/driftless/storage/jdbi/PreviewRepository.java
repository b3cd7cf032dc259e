package io.driftless.storage.jdbi;

import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.PreviewStore;
import io.driftless.engine.port.query.StoredPreview;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The newest preview of each pull request. {@link #start} moves a pull request to a new head before
 * the preview is computed, and {@link #complete} writes the result only while the head is still the
 * one it was computed for: a newer head supersedes an older preview, whatever order the two finish
 * in.
 */
public final class PreviewRepository implements PreviewStore {
  /** The most previews one listing returns. */
  private static final String COLUMNS =
      "s.name, p.pr, p.head, p.base_ref, p.state, p.result_json, p.comment_id, p.created_at,"
          + " p.updated_at";

  private final Jdbi jdbi;
  private final Clock clock;

  public PreviewRepository(Jdbi jdbi, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * Records that the pull request is now at {@code head} and its preview is being computed; the
   * comment id is kept. Returns the pending preview.
   */
  public StoredPreview start(SourceName source, long pr, String head, String baseRef) {
    InvalidInputException.checkLength("head", head, 64);
    InvalidInputException.checkLength("baseRef", baseRef, 255);
    Instant now = Sql.micros(clock.instant());
    try {
      return jdbi.inTransaction(
          h -> {
            long id = Sql.sourceId(h, source.value());
            if (move(h, id, pr, head, baseRef, now) == 0) {
              try {
                h.createUpdate(
                        "INSERT INTO previews (source_id, pr, head, base_ref, state, created_at,"
                            + " updated_at) VALUES (:id, :pr, :head, :base, :state, :now, :now)")
                    .bindMap(pending(id, pr, head, baseRef, now))
                    .execute();
              } catch (JdbiException e) {
                if (!Sql.isUniqueViolation(e)) {
                  throw e;
                }
                throw new ConcurrentStart(e);
              }
            }
            return find(h, source, pr).orElseThrow();
          });
    } catch (ConcurrentStart e) {
      // Another replica inserted the row first; moving it is now an update.
      return jdbi.inTransaction(
          h -> {
            move(h, Sql.sourceId(h, source.value()), pr, head, baseRef, now);
            return find(h, source, pr).orElseThrow();
          });
    } catch (JdbiException e) {
      throw Sql.translate(e);
    }
  }

  private static int move(Handle h, long id, long pr, String head, String baseRef, Instant now) {
    return h.createUpdate(
            "UPDATE previews SET head = :head, base_ref = :base, state = :state, result_json ="
                + " NULL, closed_at = NULL, updated_at = :now WHERE source_id = :id AND pr = :pr")
        .bindMap(pending(id, pr, head, baseRef, now))
        .execute();
  }

  /** The columns of a pending preview of {@code head}, as a start inserts or moves it. */
  private static Map<String, Object> pending(
      long id, long pr, String head, String baseRef, Instant now) {
    return Map.of(
        "id", id,
        "pr", pr,
        "head", head,
        "base", baseRef,
        "state", StoredPreview.PENDING,
        "now", now);
  }

  /**
   * Stores the result computed for {@code head}; false (and nothing written) when the pull request
   * has moved to another head since.
   */
  public boolean complete(SourceName source, long pr, String head, String resultJson) {
    Instant now = Sql.micros(clock.instant());
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE previews SET state = :state, result_json = :result, updated_at ="
                            + " :now WHERE pr = :pr AND head = :head AND source_id IN (SELECT id"
                            + " FROM sources WHERE name = :name)")
                    .bind("state", StoredPreview.DONE)
                    .bind("result", resultJson)
                    .bind("now", now)
                    .bind("pr", pr)
                    .bind("head", head)
                    .bind("name", source.value())
                    .execute())
        > 0;
  }

  /**
   * Marks the pull request's preview closed (closed or merged on the host) from now; retention
   * deletes it once it has been closed long enough. A preview moved to a new head is open again.
   */
  public void close(SourceName source, long pr) {
    Instant now = Sql.micros(clock.instant());
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE previews SET closed_at = :now WHERE pr = :pr AND closed_at IS NULL AND"
                        + " source_id IN (SELECT id FROM sources WHERE name = :name)")
                .bind("now", now)
                .bind("pr", pr)
                .bind("name", source.value())
                .execute());
  }

  /** Remembers the host's id of the pull request's comment. */
  public void recordComment(SourceName source, long pr, String commentId) {
    InvalidInputException.checkLength("commentId", commentId, 64);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE previews SET comment_id = :comment WHERE pr = :pr AND source_id IN"
                        + " (SELECT id FROM sources WHERE name = :name)")
                .bind("comment", commentId)
                .bind("pr", pr)
                .bind("name", source.value())
                .execute());
  }

  public Optional<StoredPreview> find(SourceName source, long pr) {
    return jdbi.withHandle(h -> find(h, source, pr));
  }

  /** The previews of a source, most recently updated first, at most {@link #MAX_LIST}. */
  public List<StoredPreview> list(SourceName source) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM previews p JOIN sources s ON s.id = p.source_id WHERE s.name ="
                        + " :name ORDER BY p.updated_at DESC, p.pr DESC LIMIT "
                        + MAX_LIST)
                .bind("name", source.value())
                .map((rs, ctx) -> preview(rs))
                .list());
  }

  private static Optional<StoredPreview> find(Handle h, SourceName source, long pr) {
    return h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM previews p JOIN sources s ON s.id = p.source_id WHERE s.name = :name AND"
                + " p.pr = :pr")
        .bind("name", source.value())
        .bind("pr", pr)
        .map((rs, ctx) -> preview(rs))
        .findOne();
  }

  private static StoredPreview preview(ResultSet rs) throws SQLException {
    return new StoredPreview(
        SourceName.of(rs.getString("name")),
        rs.getLong("pr"),
        rs.getString("head"),
        rs.getString("base_ref"),
        rs.getString("state"),
        rs.getString("result_json"),
        rs.getString("comment_id"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }

  /** Two replicas inserted the first preview of a pull request at once. */
  private static final class ConcurrentStart extends RuntimeException {
    ConcurrentStart(Throwable cause) {
      super(cause);
    }
  }
}
