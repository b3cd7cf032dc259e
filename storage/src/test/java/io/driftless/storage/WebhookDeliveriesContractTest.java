package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.DeliveryLogContract;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.storage.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.WebhookDeliveries} against a real database. */
public abstract class WebhookDeliveriesContractTest extends DeliveryLogContract {
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
