package io.driftless.engine.target;

import io.driftless.engine.EngineException;
import io.driftless.engine.domain.Environment;
import java.util.Map;

/** An environment's target spec that the server's configuration does not allow. */
public final class TargetConfigException extends EngineException {
  public TargetConfigException(String field, String message) {
    super("target.config", message, Map.of("field", field));
  }

  /** The environment's target is not the kind a factory opens, e.g. {@code "a directory"}. */
  public static TargetConfigException notA(Environment environment, String kind) {
    return new TargetConfigException(
        "target.type",
        "environment "
            + environment.name()
            + " has a "
            + environment.target().type()
            + " target, not "
            + kind);
  }
}
