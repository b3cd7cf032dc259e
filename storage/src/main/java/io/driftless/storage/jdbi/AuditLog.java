package io.driftless.storage.jdbi;

import io.driftless.engine.port.AuditTrail;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.query.AuditEntry;
import io.driftless.engine.port.query.AuditQuery;
import io.driftless.engine.port.query.AuditRecord;
import io.driftless.engine.port.query.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** Who changed what through the API, and why: append-only, read newest first. */
public final class AuditLog implements AuditTrail {
  private final Jdbi jdbi;

  public AuditLog(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi);
  }

  /** Appends an entry; returns its id. */
  public long append(AuditEntry entry) {
    InvalidInputException.checkLength("actor", entry.actor(), 255);
    InvalidInputException.checkLength("action", entry.action(), 64);
    InvalidInputException.checkLength("objectType", entry.objectType(), 32);
    InvalidInputException.checkLength("objectName", entry.objectName(), 255);
    InvalidInputException.checkLength("reason", entry.reason(), 4096);
    try {
      return jdbi.withHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO audit_log (at, actor, action, object_type, object_name, reason,"
                          + " before_json, after_json) VALUES (:at, :actor, :action, :type,"
                          + " :name, :reason, :before, :after)")
                  .bind("at", Sql.micros(entry.at()))
                  .bind("actor", entry.actor())
                  .bind("action", entry.action())
                  .bind("type", entry.objectType())
                  .bind("name", entry.objectName())
                  .bind("reason", entry.reason())
                  .bind("before", entry.before())
                  .bind("after", entry.after())
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one());
    } catch (JdbiException e) {
      throw Sql.translate(e);
    }
  }

  public Page<AuditRecord> query(AuditQuery query) {
    long before = Sql.cursorId(query.cursor());
    Filters filters =
        new Filters()
            .and("actor = :actor", "actor", query.actor())
            .and("action = :action", "action", query.action())
            .and("object_type = :type", "type", query.objectType())
            .and("object_name = :name", "name", query.objectName())
            .and("at >= :since", "since", query.since())
            .and("at < :until", "until", query.until());
    List<AuditRecord> rows =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT * FROM audit_log WHERE id < :before"
                            + filters.sql()
                            + " ORDER BY id DESC LIMIT :limit")
                    .bindMap(filters.values())
                    .bind("before", before)
                    .bind("limit", query.limit() + 1)
                    .map((rs, ctx) -> record(rs))
                    .list());
    return Page.of(rows, query.limit(), last -> Long.toString(last.id()));
  }

  private static AuditRecord record(ResultSet rs) throws SQLException {
    return new AuditRecord(
        rs.getLong("id"),
        new AuditEntry(
            Sql.instant(rs, "at"),
            rs.getString("actor"),
            rs.getString("action"),
            rs.getString("object_type"),
            rs.getString("object_name"),
            rs.getString("reason"),
            rs.getString("before_json"),
            rs.getString("after_json")));
  }
}
