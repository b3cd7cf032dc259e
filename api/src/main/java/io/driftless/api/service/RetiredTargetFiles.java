package io.driftless.api.service;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.Stores;
import io.driftless.engine.reconcile.EnvironmentBusyException;
import io.driftless.engine.target.Target;
import io.driftless.engine.target.TargetFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code deletion: cascade}: before a config environment retires an environment, the files it
 * manages (its inventory, and only that) are pruned from its target, under its lock.
 */
final class RetiredTargetFiles {
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final Stores stores;
  private final Supplier<TargetFactory> targets;
  private final String leaseOwner;

  RetiredTargetFiles(Stores stores, Supplier<TargetFactory> targets, String leaseOwner) {
    this.stores = stores;
    this.targets = targets;
    this.leaseOwner = leaseOwner;
  }

  void prune(EnvironmentName name) {
    Optional<Environment> environment = stores.environments().find(name);
    Inventory inventory = stores.inventory().get(name);
    if (environment.isEmpty() || inventory.keys().isEmpty()) {
      return;
    }
    EnvironmentLocks.Lease lease =
        stores
            .locks()
            .tryAcquire(name, leaseOwner, LEASE)
            .orElseThrow(() -> new EnvironmentBusyException(name));
    try (Target target = targets.get().open(environment.get())) {
      List<Change> deletes =
          target.read(new HashSet<>(inventory.keys())).resources().values().stream()
              .map(r -> Change.delete(r, false))
              .toList();
      if (!deletes.isEmpty()) {
        target.apply(deletes);
      }
      stores.inventory().replace(lease, Inventory.empty());
    } finally {
      stores.locks().release(lease);
    }
  }
}
