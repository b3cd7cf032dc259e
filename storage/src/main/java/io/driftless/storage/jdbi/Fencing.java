package io.driftless.storage.jdbi;

import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.LeaseLostException;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Refuses writes under a lease that is no longer current. Called first in the writing transaction;
 * the row lock keeps the lease from being taken over until that transaction ends.
 */
final class Fencing {
  private Fencing() {}

  static void check(Handle h, EnvironmentLocks.Lease lease, Instant now) {
    boolean held =
        h.createQuery(
                "SELECT lease_id FROM environment_leases WHERE environment = :env AND owner ="
                    + " :owner AND lease_id = :id AND expires_at > :now FOR UPDATE")
            .bind("env", lease.environment().value())
            .bind("owner", lease.owner())
            .bind("id", lease.id())
            .bind("now", now)
            .mapTo(Long.class)
            .findOne()
            .isPresent();
    if (!held) {
      throw new LeaseLostException(lease);
    }
  }
}
