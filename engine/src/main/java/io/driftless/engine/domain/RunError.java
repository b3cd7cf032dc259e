package io.driftless.engine.domain;

import io.driftless.engine.EngineException;
import java.util.Map;

/** Why a run failed, recorded with the run. */
public record RunError(String code, String message, Map<String, String> details) {
  public RunError {
    code = code == null ? "internal" : code;
    message = message == null ? "" : message;
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  public static RunError of(EngineException e) {
    return new RunError(e.code(), e.getMessage(), e.details());
  }
}
