package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.Phase;
import io.driftless.engine.domain.PhaseTiming;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Run;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.LeaseLostException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.engine.port.contract.RunLogContract;
import io.driftless.engine.port.query.ChangeQuery;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.RunChange;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.engine.port.query.RunSummary;
import io.driftless.storage.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.RunRepository} against a real database. */
public abstract class RunRepositoryContractTest extends RunLogContract {
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
