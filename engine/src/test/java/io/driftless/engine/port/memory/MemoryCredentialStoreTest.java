package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.CredentialStoreContract;
import java.time.Clock;

class MemoryCredentialStoreTest extends CredentialStoreContract {
  @Override
  protected Stores open(Clock clock) {
    return MemoryStores.open(clock);
  }
}
