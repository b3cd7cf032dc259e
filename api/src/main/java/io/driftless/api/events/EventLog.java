package io.driftless.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code run_events} table (migration V3 in storage): appended by every replica, polled by
 * every replica. Its SQL lives here until storage offers a repository for it.
 */
public final class EventLog {
  private final Jdbi jdbi;
  private final ObjectMapper json;

  public EventLog(Jdbi jdbi, ObjectMapper json) {
    this.jdbi = jdbi;
    this.json = json;
  }

  /** Stores an event; returns its id. */
  public long append(RunEvent event) {
    String data = write(event.withId(0));
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO run_events (at, type, environment, run_id, data)"
                        + " VALUES (:at, :type, :environment, :run, :data)")
                .bind("at", OffsetDateTime.ofInstant(micros(event.at()), ZoneOffset.UTC))
                .bind("type", event.type())
                .bind("environment", event.environment())
                .bind("run", event.run())
                .bind("data", data)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
  }

  /** Events with an id above {@code id}, oldest first, at most {@code limit}. */
  public List<RunEvent> after(long id, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT id, data FROM run_events WHERE id > :id ORDER BY id LIMIT :limit")
                .bind("id", id)
                .bind("limit", limit)
                .map((rs, ctx) -> read(rs.getString("data")).withId(rs.getLong("id")))
                .list());
  }

  /** The id of the newest event; 0 when there is none. */
  public long newestId() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM run_events").mapTo(Long.class).one());
  }

  /** Deletes events older than {@code cutoff}; returns how many. */
  public int forgetBefore(Instant cutoff) {
    return jdbi.withHandle(
        h ->
            h.createUpdate("DELETE FROM run_events WHERE at < :cutoff")
                .bind("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .execute());
  }

  private String write(RunEvent event) {
    try {
      return json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write event", e);
    }
  }

  private RunEvent read(String data) {
    try {
      return json.readValue(data, RunEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read event", e);
    }
  }

  private static Instant micros(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }
}
