package io.driftless.storage;

import io.driftless.storage.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRegistryTransactionTest extends RegistryTransactionContractTest {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  TestDatabase database() {
    return DATABASE;
  }
}
