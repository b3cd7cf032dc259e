package io.driftless.scheduler;

import io.driftless.engine.EngineException;
import java.util.Map;

/** The scheduler could not store or read its triggers, usually because the database is down. */
public final class SchedulingException extends EngineException {
  public SchedulingException(String message, Throwable cause) {
    super("scheduler.unavailable", message, Map.of(), cause);
  }
}
