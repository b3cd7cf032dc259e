package io.driftless.storage;

import io.driftless.storage.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2RegistryTransactionTest extends RegistryTransactionContractTest {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
