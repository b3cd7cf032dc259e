package io.driftless.engine.port;

import io.driftless.engine.domain.EnvironmentName;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One run per environment at a time, across every replica: a lease with an owner, a heartbeat and
 * an expiry. A holder that stops renewing loses the lease after {@code ttl}, and writes made under
 * a lost lease are refused (the lease id is a fencing token).
 */
public interface EnvironmentLocks {

  /** A held lease. {@code id} increases with every acquisition of the same environment. */
  record Lease(EnvironmentName environment, String owner, long id, Instant expiresAt) {
    public Lease {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(owner, "owner");
    }
  }

  /** Takes the lease if nobody holds it or the holder's lease expired. */
  Optional<Lease> tryAcquire(EnvironmentName environment, String owner, Duration ttl);

  /** Extends a held lease; an empty result means it was lost and the holder must stop. */
  Optional<Lease> renew(Lease lease, Duration ttl);

  /** Gives the lease up; does nothing when it was already lost. */
  void release(Lease lease);

  /** The current holder, if the lease is held and not expired. */
  Optional<Lease> holder(EnvironmentName environment);
}
