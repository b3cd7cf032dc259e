package io.driftless.engine.reconcile;

import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.EnvironmentStore;
import io.driftless.engine.port.InventoryStore;
import io.driftless.engine.port.RunStore;
import io.driftless.engine.port.SnapshotStore;
import io.driftless.engine.port.SourceStore;
import io.driftless.engine.port.memory.MemoryStore;
import java.util.Objects;

/** The storage ports the reconciler records through. */
public record EnginePorts(
    SourceStore sources,
    EnvironmentStore environments,
    RunStore runs,
    SnapshotStore snapshots,
    InventoryStore inventories,
    EnvironmentLocks locks) {
  public EnginePorts {
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(environments, "environments");
    Objects.requireNonNull(runs, "runs");
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(inventories, "inventories");
    Objects.requireNonNull(locks, "locks");
  }

  /** All ports backed by one in-memory store. */
  public static EnginePorts of(MemoryStore store) {
    return new EnginePorts(store, store, store, store, store, store);
  }
}
