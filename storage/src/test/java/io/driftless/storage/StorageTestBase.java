package io.driftless.storage;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.engine.testing.MutableClock;
import io.driftless.storage.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every contract test shares: one storage per test class on the class's own database, a clock
 * the tests move, and helpers that register what a test needs under unique names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StorageTestBase {
  protected final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  protected Storage storage;

  protected abstract TestDatabase database();

  @BeforeAll
  void openStorage() {
    storage = database().open(clock);
  }

  @AfterAll
  void closeStorage() {
    if (storage != null) {
      storage.close();
    }
  }

  /** Registers a source and an environment on it; returns the environment's name. */
  protected EnvironmentName newEnvironment() {
    return Fixtures.newEnvironment(storage.stores());
  }

  protected EnvironmentLocks.Lease lease(EnvironmentName environment) {
    return storage
        .locks()
        .tryAcquire(environment, "test-owner", Duration.ofMinutes(5))
        .orElseThrow();
  }

  /** Counts rows with plain JDBC, to see what was really written. */
  protected long count(String sql, Object... params) throws Exception {
    try (Connection c = database().connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
