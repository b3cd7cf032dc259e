package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.LeaseLostException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.EnvironmentCatalogContract;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.engine.port.query.EnvironmentQuery;
import io.driftless.engine.port.query.EnvironmentStatus;
import io.driftless.engine.port.query.EnvironmentSummary;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.storage.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.EnvironmentRepository} against a real database. */
public abstract class EnvironmentRepositoryContractTest extends EnvironmentCatalogContract {
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
