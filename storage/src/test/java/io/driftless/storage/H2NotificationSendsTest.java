package io.driftless.storage;

import io.driftless.storage.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2NotificationSendsTest extends NotificationSendsContractTest {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  protected TestDatabase database() {
    return DATABASE;
  }
}
