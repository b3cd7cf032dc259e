package io.driftless.storage;

import io.driftless.storage.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2PreviewRepositoryTest extends PreviewRepositoryContractTest {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  protected TestDatabase database() {
    return DATABASE;
  }
}
