package io.driftless.engine.port.query;

import io.driftless.engine.domain.Require;
import java.time.Instant;
import java.util.Objects;

/**
 * One change of state made through the API: who did what to which object, why, and the object
 * before and after (JSON as the API shows it, without secrets; null where there is none).
 */
public record AuditEntry(
    Instant at,
    String actor,
    String action,
    String objectType,
    String objectName,
    String reason,
    String before,
    String after) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Require.text(actor, "audit actor is required");
    Require.text(action, "audit action is required");
    Require.text(objectType, "audit objectType is required");
    Require.text(objectName, "audit objectName is required");
    reason = reason == null ? "" : reason;
  }
}
