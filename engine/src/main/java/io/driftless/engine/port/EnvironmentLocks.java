package io.driftless.engine.port;

import io.driftless.engine.domain.EnvironmentName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

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

  /**
   * Breaks every held, unexpired lease whose owner {@code alive} rejects, because that holder is
   * gone: the previous process of a single node, or a replica its cluster declared dead. It does
   * not wait for the TTL, and the lease id moves on, so a holder that was only stalled can neither
   * renew nor write under it when it wakes up.
   *
   * @return the environments whose lease was broken
   */
  List<EnvironmentName> breakAbandoned(Predicate<String> alive);

  /** The current holder, if the lease is held and not expired. */
  Optional<Lease> holder(EnvironmentName environment);
}
