package io.driftless.storage;

import io.driftless.storage.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresPreviewRepositoryTest extends PreviewRepositoryContractTest {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  protected TestDatabase database() {
    return DATABASE;
  }
}
