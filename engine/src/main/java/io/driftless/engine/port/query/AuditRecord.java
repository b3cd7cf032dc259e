package io.driftless.engine.port.query;

import java.util.Objects;

/** A stored audit entry with its id; ids increase with time. */
public record AuditRecord(long id, AuditEntry entry) {
  public AuditRecord {
    Objects.requireNonNull(entry, "entry");
  }
}
