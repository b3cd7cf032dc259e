package io.driftless.api.model;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.driftless.engine.port.query.AuditRecord;
import java.time.Instant;

/** One change of state made through the API: who, what, why, and the object before and after. */
public record AuditResponse(
    long id,
    Instant at,
    String actor,
    String action,
    String objectType,
    String objectName,
    String reason,
    @JsonRawValue String before,
    @JsonRawValue String after) {

  public static AuditResponse from(AuditRecord r) {
    var e = r.entry();
    return new AuditResponse(
        r.id(),
        e.at(),
        e.actor(),
        e.action(),
        e.objectType(),
        e.objectName(),
        e.reason(),
        e.before(),
        e.after());
  }
}
