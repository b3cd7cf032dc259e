package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.RunLogContract;
import java.time.Clock;

class MemoryRunLogTest extends RunLogContract {
  @Override
  protected Stores open(Clock clock) {
    return MemoryStores.open(clock);
  }
}
