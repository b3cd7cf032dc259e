package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.DeliveryLogContract;
import java.time.Clock;

class MemoryDeliveryLogTest extends DeliveryLogContract {
  @Override
  protected Stores open(Clock clock) {
    return MemoryStores.open(clock);
  }
}
