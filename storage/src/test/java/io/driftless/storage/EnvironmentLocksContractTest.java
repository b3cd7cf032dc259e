package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.contract.EnvironmentLocksContract;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.storage.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.EnvironmentLeases} against a real database. */
public abstract class EnvironmentLocksContractTest extends EnvironmentLocksContract {
  @Test
  void twoThreadsOnTwoConnectionPoolsContendAndExactlyOneWins(TestDatabase database)
      throws Exception {
    try (Storage other = Storage.open(database.config().withPoolSize(2), clock)) {
      for (int round = 0; round < 25; round++) {
        EnvironmentName env = EnvironmentName.of(Fixtures.unique("race"));
        assertThat(contend(env, stores.locks(), other.locks())).as("round %d", round).isEqualTo(1);
        // Held now: a second round of contention on the same name has no winner.
        assertThat(other.locks().tryAcquire(env, "late", TTL)).isEmpty();
      }
    }
  }

  @Test
  void contendersForAnExpiredLeaseAlsoHaveOneWinner(TestDatabase database) throws Exception {
    EnvironmentName env = newEnvironment();
    stores.locks().tryAcquire(env, "dead", TTL).orElseThrow();
    clock.advance(TTL.plusSeconds(1));
    try (Storage other = Storage.open(database.config().withPoolSize(2), clock)) {
      assertThat(contend(env, stores.locks(), other.locks())).isEqualTo(1);
    }
  }

  /** One thread on each pool tries to take {@code env} at the same moment; returns the winners. */
  private static int contend(EnvironmentName env, EnvironmentLocks... pools) throws Exception {
    List<Callable<Boolean>> attempts = new ArrayList<>();
    for (EnvironmentLocks locks : pools) {
      attempts.add(() -> locks.tryAcquire(env, Thread.currentThread().getName(), TTL).isPresent());
    }
    return Fixtures.winners(attempts);
  }
}
