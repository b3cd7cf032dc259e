package io.driftless.engine.port.contract;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.Stores;
import io.driftless.engine.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every port contract test shares: one set of stores per test class, a clock the tests move,
 * and helpers that register what a test needs under unique names. A store is held to a contract by
 * a test class that extends it and says how to open the stores: in memory in the engine, on H2 and
 * PostgreSQL in the storage module.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoresContract {
  protected final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  protected Stores stores;

  /** Opens the stores under test; they read time from {@code clock}. */
  protected abstract Stores open(Clock clock);

  /** Releases what {@link #open} took; nothing by default. */
  protected void close() {}

  @BeforeAll
  void openStores() {
    stores = open(clock);
  }

  @AfterAll
  void closeStores() {
    close();
  }

  /** Registers a source and an environment on it; returns the environment's name. */
  protected EnvironmentName newEnvironment() {
    return Fixtures.newEnvironment(stores);
  }

  /** A scheduled run of {@code env} that applied {@code desired}, completed under {@code lease}. */
  protected RunId appliedRun(
      EnvironmentName env, EnvironmentLocks.Lease lease, DesiredState desired) {
    RunId id = stores.runs().create(env, Trigger.schedule(), clock.instant());
    stores.runs().complete(id, lease, Fixtures.applied(desired), clock.instant());
    return id;
  }

  protected EnvironmentLocks.Lease lease(EnvironmentName environment) {
    return stores
        .locks()
        .tryAcquire(environment, "test-owner", Duration.ofMinutes(5))
        .orElseThrow();
  }
}
