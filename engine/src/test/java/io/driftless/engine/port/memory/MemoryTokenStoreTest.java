package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.TokenStoreContract;
import java.time.Clock;

class MemoryTokenStoreTest extends TokenStoreContract {
  @Override
  protected Stores open(Clock clock) {
    return MemoryStores.open(clock);
  }
}
