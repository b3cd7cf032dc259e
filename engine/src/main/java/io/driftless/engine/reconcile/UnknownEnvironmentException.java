package io.driftless.engine.reconcile;

import io.driftless.engine.EngineException;
import java.util.Map;

/** An environment or source name that is not registered. */
public final class UnknownEnvironmentException extends EngineException {
  public UnknownEnvironmentException(String kind, String name) {
    super("not_found", "no " + kind + " named '" + name + "' is registered", Map.of(kind, name));
  }
}
