package io.driftless.engine.port;

import io.driftless.engine.port.query.AuditEntry;
import io.driftless.engine.port.query.AuditQuery;
import io.driftless.engine.port.query.AuditRecord;
import io.driftless.engine.port.query.Page;

/** Who changed what, appended and never edited. */
public interface AuditTrail {

  /** Appends an entry; returns its id. */
  long append(AuditEntry entry);

  /** Entries newest first, filtered and paginated. */
  Page<AuditRecord> query(AuditQuery query);
}
