package io.driftless.storage;

import io.driftless.engine.port.Stores;
import io.driftless.storage.testing.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSnapshotRepositoryTest extends SnapshotRepositoryContractTest {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  protected Stores open(Clock clock) {
    return DATABASE.stores(clock);
  }
}
