package io.driftless.engine.target;

import io.driftless.engine.EngineException;
import java.util.Map;

/** An environment's target spec that the server's configuration does not allow. */
public final class TargetConfigException extends EngineException {
  public TargetConfigException(String field, String message) {
    super("target.config", message, Map.of("field", field));
  }
}
