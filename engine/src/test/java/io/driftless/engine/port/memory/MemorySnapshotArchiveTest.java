package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.SnapshotArchiveContract;
import java.time.Clock;

class MemorySnapshotArchiveTest extends SnapshotArchiveContract {
  @Override
  protected Stores open(Clock clock) {
    return MemoryStores.open(clock);
  }
}
