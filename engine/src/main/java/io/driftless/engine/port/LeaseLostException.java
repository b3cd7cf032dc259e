package io.driftless.engine.port;

import io.driftless.engine.EngineException;
import java.util.Map;

/** A write under a lease that is no longer held: another replica owns the environment now. */
public final class LeaseLostException extends EngineException {
  public LeaseLostException(EnvironmentLocks.Lease lease) {
    super(
        "lock.lost",
        "lease "
            + lease.id()
            + " on environment "
            + lease.environment()
            + " is no longer held by "
            + lease.owner(),
        Map.of("environment", lease.environment().value(), "lease", Long.toString(lease.id())));
  }
}
