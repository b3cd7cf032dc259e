package io.driftless.storage.jdbi;

import io.driftless.engine.port.RunEventLog;
import io.driftless.engine.port.query.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/** The {@code run_events} table: appended by every replica, polled by every replica. */
public final class RunEvents implements RunEventLog {
  private final Jdbi jdbi;

  public RunEvents(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi);
  }

  @Override
  public long append(StoredEvent event) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO run_events (at, type, environment, run_id, data)"
                        + " VALUES (:at, :type, :environment, :run, :data)")
                .bind("at", Sql.micros(event.at()))
                .bind("type", event.type())
                .bind("environment", event.environment())
                .bind("run", event.run())
                .bind("data", event.data())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
  }

  @Override
  public List<StoredEvent> after(long id, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, at, type, environment, run_id, data FROM run_events"
                        + " WHERE id > :id ORDER BY id LIMIT :limit")
                .bind("id", id)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new StoredEvent(
                            rs.getLong("id"),
                            Sql.instant(rs, "at"),
                            rs.getString("type"),
                            rs.getString("environment"),
                            rs.getObject("run_id", Long.class),
                            rs.getString("data")))
                .list());
  }

  @Override
  public long newestId() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM run_events").mapTo(Long.class).one());
  }

  @Override
  public int forgetBefore(Instant cutoff) {
    return Sql.deleteBefore(jdbi, "run_events", "at", cutoff);
  }
}
