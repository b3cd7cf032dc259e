package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.PreviewStoreContract;
import java.time.Clock;

class MemoryPreviewStoreTest extends PreviewStoreContract {
  @Override
  protected Stores open(Clock clock) {
    return MemoryStores.open(clock);
  }
}
