package io.driftless.engine.reconcile;

import io.driftless.engine.EngineException;
import io.driftless.engine.domain.EnvironmentName;
import java.util.Map;

/** Another run of the environment holds its lock, here or on another replica. */
public final class EnvironmentBusyException extends EngineException {
  public EnvironmentBusyException(EnvironmentName environment) {
    super(
        "lock.busy",
        "environment " + environment + " is being reconciled by another run",
        Map.of("environment", environment.value()));
  }
}
