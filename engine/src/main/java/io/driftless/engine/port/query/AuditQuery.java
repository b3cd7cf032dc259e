package io.driftless.engine.port.query;

import java.time.Instant;

/**
 * A page of the audit log, newest first. Null filters match everything; {@code since} is inclusive
 * and {@code until} exclusive.
 */
public record AuditQuery(
    String actor,
    String action,
    String objectType,
    String objectName,
    Instant since,
    Instant until,
    String cursor,
    int limit) {
  public AuditQuery {
    limit = Page.limit(limit);
  }

  public static AuditQuery latest(int limit) {
    return new AuditQuery(null, null, null, null, null, null, null, limit);
  }

  public AuditQuery after(String cursor) {
    return new AuditQuery(actor, action, objectType, objectName, since, until, cursor, limit);
  }
}
