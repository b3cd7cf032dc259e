package io.driftless.engine.reconcile;

import io.driftless.engine.EngineException;
import java.util.Map;

/** An environment or source name that is not registered. */
public final class UnknownEnvironmentException extends EngineException {
  private final String kind;
  private final String name;

  public UnknownEnvironmentException(String kind, String name) {
    super("no " + kind + " named '" + name + "' is registered");
    this.kind = kind;
    this.name = name;
  }

  @Override
  public String code() {
    return "not_found";
  }

  @Override
  public Map<String, String> details() {
    return Map.of(kind, name);
  }
}
