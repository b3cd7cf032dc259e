package io.driftless.engine.port.memory;

import io.driftless.engine.port.AuditTrail;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.query.AuditEntry;
import io.driftless.engine.port.query.AuditQuery;
import io.driftless.engine.port.query.AuditRecord;
import io.driftless.engine.port.query.Page;
import java.util.ArrayList;
import java.util.List;

/** The audit trail in memory; pages newest first, the cursor is the last id shown. */
public final class MemoryAuditTrail implements AuditTrail {
  private final List<AuditRecord> records = new ArrayList<>();

  @Override
  public synchronized long append(AuditEntry entry) {
    InvalidInputException.checkLength("actor", entry.actor(), 255);
    InvalidInputException.checkLength("action", entry.action(), 64);
    InvalidInputException.checkLength("objectType", entry.objectType(), 32);
    InvalidInputException.checkLength("objectName", entry.objectName(), 255);
    InvalidInputException.checkLength("reason", entry.reason(), 4096);
    long id = records.size() + 1L;
    records.add(new AuditRecord(id, entry));
    return id;
  }

  @Override
  public synchronized Page<AuditRecord> query(AuditQuery query) {
    long before = Page.cursorId(query.cursor());
    List<AuditRecord> rows = new ArrayList<>();
    for (int i = records.size() - 1; i >= 0 && rows.size() <= query.limit(); i--) {
      AuditRecord r = records.get(i);
      if (r.id() < before && matches(query, r.entry())) {
        rows.add(r);
      }
    }
    return Page.of(rows, query.limit(), last -> Long.toString(last.id()));
  }

  private static boolean matches(AuditQuery q, AuditEntry e) {
    return (q.actor() == null || q.actor().equals(e.actor()))
        && (q.action() == null || q.action().equals(e.action()))
        && (q.objectType() == null || q.objectType().equals(e.objectType()))
        && (q.objectName() == null || q.objectName().equals(e.objectName()))
        && (q.since() == null || !e.at().isBefore(q.since()))
        && (q.until() == null || e.at().isBefore(q.until()));
  }
}
