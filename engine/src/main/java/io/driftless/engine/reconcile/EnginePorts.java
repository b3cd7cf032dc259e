package io.driftless.engine.reconcile;

import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.EnvironmentStore;
import io.driftless.engine.port.InventoryStore;
import io.driftless.engine.port.RunStore;
import io.driftless.engine.port.SnapshotStore;
import io.driftless.engine.port.SourceStore;
import io.driftless.engine.port.memory.MemoryStore;

/**
 * The storage ports the reconciler records through. Its builders ({@link #of(MemoryStore)} and the
 * storage module) fill every port, so the bundle checks nothing itself.
 */
public record EnginePorts(
    SourceStore sources,
    EnvironmentStore environments,
    RunStore runs,
    SnapshotStore snapshots,
    InventoryStore inventories,
    EnvironmentLocks locks) {

  /** All ports backed by one in-memory store. */
  public static EnginePorts of(MemoryStore store) {
    return new EnginePorts(store, store, store, store, store, store);
  }
}
