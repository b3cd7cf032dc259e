package io.driftless.engine.target;

import io.driftless.engine.EngineException;
import java.util.Map;

/** An environment's target spec that the server's configuration does not allow. */
public final class TargetConfigException extends EngineException {
  private final String field;

  public TargetConfigException(String field, String message) {
    super(message);
    this.field = field;
  }

  @Override
  public String code() {
    return "target.config";
  }

  @Override
  public Map<String, String> details() {
    return Map.of("field", field);
  }
}
