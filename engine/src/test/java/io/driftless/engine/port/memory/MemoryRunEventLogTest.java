package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.RunEventLogContract;
import java.time.Clock;

class MemoryRunEventLogTest extends RunEventLogContract {
  @Override
  protected Stores open(Clock clock) {
    return MemoryStores.open(clock);
  }
}
