package io.driftless.engine.reconcile;

import io.driftless.engine.EngineException;
import io.driftless.engine.domain.EnvironmentName;
import java.util.Map;

/** Another run of the environment holds its lock, here or on another replica. */
public final class EnvironmentBusyException extends EngineException {
  private final EnvironmentName environment;

  public EnvironmentBusyException(EnvironmentName environment) {
    super("environment " + environment + " is being reconciled by another run");
    this.environment = environment;
  }

  @Override
  public String code() {
    return "lock.busy";
  }

  @Override
  public Map<String, String> details() {
    return Map.of("environment", environment.value());
  }
}
