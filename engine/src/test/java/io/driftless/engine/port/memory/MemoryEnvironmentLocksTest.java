package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.EnvironmentLocksContract;
import java.time.Clock;

class MemoryEnvironmentLocksTest extends EnvironmentLocksContract {
  @Override
  protected Stores open(Clock clock) {
    return MemoryStores.open(clock);
  }
}
