package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.SourceCatalogContract;
import java.time.Clock;

class MemorySourceCatalogTest extends SourceCatalogContract {
  @Override
  protected Stores open(Clock clock) {
    return MemoryStores.open(clock);
  }
}
