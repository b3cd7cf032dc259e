package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.InventoryStoreContract;
import java.time.Clock;

class MemoryInventoryStoreTest extends InventoryStoreContract {
  @Override
  protected Stores open(Clock clock) {
    return MemoryStores.open(clock);
  }
}
