package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.EnvironmentCatalogContract;
import java.time.Clock;

class MemoryEnvironmentCatalogTest extends EnvironmentCatalogContract {
  @Override
  protected Stores open(Clock clock) {
    return MemoryStores.open(clock);
  }
}
