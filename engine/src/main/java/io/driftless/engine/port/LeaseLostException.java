package io.driftless.engine.port;

import io.driftless.engine.EngineException;
import java.util.Map;

/** A write under a lease that is no longer held: another replica owns the environment now. */
public final class LeaseLostException extends EngineException {
  private final EnvironmentLocks.Lease lease;

  public LeaseLostException(EnvironmentLocks.Lease lease) {
    super(
        "lease "
            + lease.id()
            + " on environment "
            + lease.environment()
            + " is no longer held by "
            + lease.owner());
    this.lease = lease;
  }

  @Override
  public String code() {
    return "lock.lost";
  }

  @Override
  public Map<String, String> details() {
    return Map.of("environment", lease.environment().value(), "lease", Long.toString(lease.id()));
  }
}
