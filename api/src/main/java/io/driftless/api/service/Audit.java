package io.driftless.api.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.auth.Caller;
import io.driftless.storage.jdbi.AuditLog;
import io.driftless.storage.model.AuditEntry;
import java.time.Clock;

/**
 * Writes who changed what and why. Objects are recorded as the API shows them (wire records), so
 * the audit log never holds a credential.
 */
public final class Audit {
  private final AuditLog log;
  private final ObjectMapper json;
  private final Clock clock;

  public Audit(AuditLog log, ObjectMapper json, Clock clock) {
    this.log = log;
    this.json = json;
    this.clock = clock;
  }

  /**
   * @param before the object before, as a wire record; null when it did not exist
   * @param after the object after, as a wire record; null when it is gone
   */
  public void record(
      Caller who,
      String action,
      String objectType,
      String objectName,
      String reason,
      Object before,
      Object after) {
    log.append(
        new AuditEntry(
            clock.instant(),
            who.name(),
            action,
            objectType,
            objectName,
            reason,
            toJson(before),
            toJson(after)));
  }

  private String toJson(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an audit entry: " + e.getOriginalMessage(), e);
    }
  }
}
