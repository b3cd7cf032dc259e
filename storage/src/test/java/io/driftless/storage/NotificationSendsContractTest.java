package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.engine.port.contract.NotificationClaimsContract;
import io.driftless.storage.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.NotificationSends} against a real database. */
public abstract class NotificationSendsContractTest extends NotificationClaimsContract {
  protected Storage storage;

  protected abstract TestDatabase database();

  @Override
  protected Stores open(Clock clock) {
    storage = database().open(clock);
    return storage.stores();
  }

  @Override
  protected void close() {
    storage.close();
  }
}
