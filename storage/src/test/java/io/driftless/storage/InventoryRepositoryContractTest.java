package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.LeaseLostException;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.engine.port.contract.InventoryStoreContract;
import io.driftless.storage.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.InventoryRepository} against a real database. */
public abstract class InventoryRepositoryContractTest extends InventoryStoreContract {
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
