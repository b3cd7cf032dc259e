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
import org.jdbi.v3.core.statement.Query;

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
    StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE id < :before");
    if (query.actor() != null) {
      sql.append(" AND actor = :actor");
    }
    if (query.action() != null) {
      sql.append(" AND action = :action");
    }
    if (query.objectType() != null) {
      sql.append(" AND object_type = :type");
    }
    if (query.objectName() != null) {
      sql.append(" AND object_name = :name");
    }
    if (query.since() != null) {
      sql.append(" AND at >= :since");
    }
    if (query.until() != null) {
      sql.append(" AND at < :until");
    }
    sql.append(" ORDER BY id DESC LIMIT :limit");
    List<AuditRecord> rows =
        jdbi.withHandle(
            h -> {
              Query q =
                  h.createQuery(sql.toString())
                      .bind("before", before)
                      .bind("limit", query.limit() + 1);
              if (query.actor() != null) {
                q.bind("actor", query.actor());
              }
              if (query.action() != null) {
                q.bind("action", query.action());
              }
              if (query.objectType() != null) {
                q.bind("type", query.objectType());
              }
              if (query.objectName() != null) {
                q.bind("name", query.objectName());
              }
              if (query.since() != null) {
                q.bind("since", query.since());
              }
              if (query.until() != null) {
                q.bind("until", query.until());
              }
              return q.map((rs, ctx) -> record(rs)).list();
            });
    if (rows.size() > query.limit()) {
      List<AuditRecord> page = rows.subList(0, query.limit());
      return new Page<>(page, Long.toString(page.get(page.size() - 1).id()));
    }
    return new Page<>(rows, null);
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
