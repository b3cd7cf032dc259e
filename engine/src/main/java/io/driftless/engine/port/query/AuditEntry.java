package io.driftless.engine.port.query;

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
    requireText(actor, "actor");
    requireText(action, "action");
    requireText(objectType, "objectType");
    requireText(objectName, "objectName");
    reason = reason == null ? "" : reason;
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("audit " + field + " is required");
    }
  }
}
