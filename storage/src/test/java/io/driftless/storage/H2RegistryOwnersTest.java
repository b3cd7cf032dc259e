package io.driftless.storage;

import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.RegistryOwnersContract;
import io.driftless.storage.testing.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2RegistryOwnersTest extends RegistryOwnersContract {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  protected Stores open(Clock clock) {
    return DATABASE.stores(clock);
  }
}
