package io.driftless.engine.port;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Inventory;

/** The set of keys each environment manages; only these may be pruned. */
public interface InventoryStore {

  /** The inventory, empty for an environment that never applied anything. */
  Inventory get(EnvironmentName environment);

  /** Replaces the inventory; refused with {@link LeaseLostException} when the lease is lost. */
  void replace(EnvironmentLocks.Lease lease, Inventory inventory);
}
