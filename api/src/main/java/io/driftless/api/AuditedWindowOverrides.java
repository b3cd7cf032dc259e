package io.driftless.api;

import io.driftless.engine.port.AuditTrail;
import io.driftless.engine.port.query.AuditEntry;
import io.driftless.scheduler.Auditor;

/** Records syncs forced through a closed sync window in the audit log. */
final class AuditedWindowOverrides implements Auditor {
  private final AuditTrail log;

  AuditedWindowOverrides(AuditTrail log) {
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
