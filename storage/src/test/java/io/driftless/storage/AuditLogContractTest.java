package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.AuditTrailContract;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.engine.port.query.AuditEntry;
import io.driftless.engine.port.query.AuditQuery;
import io.driftless.engine.port.query.AuditRecord;
import io.driftless.engine.port.query.Page;
import io.driftless.storage.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.AuditLog} against a real database. */
public abstract class AuditLogContractTest extends AuditTrailContract {
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
