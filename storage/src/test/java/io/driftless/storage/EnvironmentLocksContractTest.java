package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.contract.EnvironmentLocksContract;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.storage.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.EnvironmentLeases} against a real database. */
public abstract class EnvironmentLocksContractTest extends EnvironmentLocksContract {
  @Test
  void twoThreadsOnTwoConnectionPoolsContendAndExactlyOneWins(TestDatabase database)
      throws Exception {
    try (Storage other = Storage.open(database.config().withPoolSize(2), clock)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 25; round++) {
          EnvironmentName env = EnvironmentName.of(Fixtures.unique("race"));
          CyclicBarrier start = new CyclicBarrier(2);
          List<Future<Optional<EnvironmentLocks.Lease>>> results = new ArrayList<>();
          for (EnvironmentLocks locks : List.<EnvironmentLocks>of(stores.locks(), other.locks())) {
            Callable<Optional<EnvironmentLocks.Lease>> attempt =
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return locks.tryAcquire(env, Thread.currentThread().getName(), TTL);
                };
            results.add(pool.submit(attempt));
          }
          long winners = 0;
          for (Future<Optional<EnvironmentLocks.Lease>> f : results) {
            if (f.get(30, TimeUnit.SECONDS).isPresent()) {
              winners++;
            }
          }
          assertThat(winners).as("round %d", round).isEqualTo(1);
          // Held now: a second round of contention on the same name has no winner.
          assertThat(other.locks().tryAcquire(env, "late", TTL)).isEmpty();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void contendersForAnExpiredLeaseAlsoHaveOneWinner(TestDatabase database) throws Exception {
    EnvironmentName env = newEnvironment();
    stores.locks().tryAcquire(env, "dead", TTL).orElseThrow();
    clock.advance(TTL.plusSeconds(1));
    try (Storage other = Storage.open(database.config().withPoolSize(2), clock)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Optional<EnvironmentLocks.Lease>>> results = new ArrayList<>();
        for (EnvironmentLocks locks : List.<EnvironmentLocks>of(stores.locks(), other.locks())) {
          results.add(
              pool.submit(
                  () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return locks.tryAcquire(env, Thread.currentThread().getName(), TTL);
                  }));
        }
        long winners = 0;
        for (Future<Optional<EnvironmentLocks.Lease>> f : results) {
          winners += f.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
