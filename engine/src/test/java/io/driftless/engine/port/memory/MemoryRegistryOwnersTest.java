package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.RegistryOwnersContract;
import java.time.Clock;

class MemoryRegistryOwnersTest extends RegistryOwnersContract {
  @Override
  protected Stores open(Clock clock) {
    return MemoryStores.open(clock);
  }
}
