package io.driftless.api.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.auth.Caller;
import io.driftless.engine.port.AuditTrail;
import io.driftless.engine.port.query.AuditEntry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes who changed what and why. Objects are recorded as the API shows them (wire records), so
 * the audit log never holds a credential.
 */
public final class Audit {
  /** Hears each entry once it is written (notifications of rollback and unpin). */
  public interface Listener {
    /** Called on the request's thread: must not block or throw. */
    void recorded(AuditEntry entry);
  }

  private static final Logger LOG = LoggerFactory.getLogger(Audit.class);
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final AuditTrail log;
  private final ObjectMapper json;
  private final Clock clock;

  public Audit(AuditTrail log, ObjectMapper json, Clock clock) {
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
    record(who.name(), action, objectType, objectName, reason, before, after);
  }

  /** An entry for what Driftless did on its own (e.g. an automatic rollback), by {@code actor}. */
  public void record(
      String actor,
      String action,
      String objectType,
      String objectName,
      String reason,
      Object before,
      Object after) {
    AuditEntry entry =
        new AuditEntry(
            clock.instant(),
            actor,
            action,
            objectType,
            objectName,
            reason,
            toJson(before),
            toJson(after));
    log.append(entry);
    for (Listener listener : listeners) {
      try {
        listener.recorded(entry);
      } catch (RuntimeException e) {
        LOG.warn("audit listener {} failed: {}", listener.getClass().getSimpleName(), e.toString());
      }
    }
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
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
