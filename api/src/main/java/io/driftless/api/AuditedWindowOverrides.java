package io.driftless.api;

import io.driftless.scheduler.Auditor;
import io.driftless.storage.jdbi.AuditLog;
import io.driftless.storage.model.AuditEntry;

/** Records syncs forced through a closed sync window in the audit log. */
final class AuditedWindowOverrides implements Auditor {
  private final AuditLog log;

  AuditedWindowOverrides(AuditLog log) {
    this.log = log;
  }

  @Override
  public void windowOverridden(WindowOverride override) {
    log.append(
        new AuditEntry(
            override.at(),
            override.actor(),
            "environment.sync.force",
            "environment",
            override.environment().value(),
            override.reason(),
            null,
            "{\"run\":" + override.run().value() + "}"));
  }
}
