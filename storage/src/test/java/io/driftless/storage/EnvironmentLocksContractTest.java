package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.LeaseLostException;
import io.driftless.storage.testing.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.EnvironmentLeases} against a real database. */
public abstract class EnvironmentLocksContractTest extends StorageTestBase {
  private static final Duration TTL = Duration.ofSeconds(30);

  @Test
  void oneHolderAtATimeAndIdsGrow() {
    EnvironmentName env = newEnvironment();

    EnvironmentLocks.Lease first = storage.locks().tryAcquire(env, "a", TTL).orElseThrow();
    assertThat(storage.locks().tryAcquire(env, "b", TTL)).isEmpty();
    assertThat(storage.locks().tryAcquire(env, "a", TTL)).isEmpty();
    assertThat(storage.locks().holder(env)).contains(first);

    storage.locks().release(first);
    EnvironmentLocks.Lease second = storage.locks().tryAcquire(env, "b", TTL).orElseThrow();

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(second.owner()).isEqualTo("b");
    storage.locks().release(second);
  }

  @Test
  void aLockNeedsNoRegisteredEnvironment() {
    EnvironmentName free = EnvironmentName.of(Fixtures.unique("free"));

    EnvironmentLocks.Lease lease = storage.locks().tryAcquire(free, "x", TTL).orElseThrow();

    assertThat(lease.id()).isEqualTo(1);
    storage.locks().release(lease);
  }

  @Test
  void renewingExtendsTheLease() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = storage.locks().tryAcquire(env, "a", TTL).orElseThrow();

    clock.advance(Duration.ofSeconds(20));
    EnvironmentLocks.Lease renewed = storage.locks().renew(lease, TTL).orElseThrow();
    clock.advance(Duration.ofSeconds(20));

    assertThat(renewed.id()).isEqualTo(lease.id());
    assertThat(renewed.expiresAt()).isAfter(lease.expiresAt());
    assertThat(storage.locks().tryAcquire(env, "b", TTL)).isEmpty();
    storage.inventory().replace(renewed, Inventory.of(Set.of(ResourceKey.of("ok"))));
    storage.locks().release(renewed);
  }

  @Test
  void aHolderThatStopsHeartbeatingLosesTheLeaseAndItsLateWritesAreRefused() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease stale = storage.locks().tryAcquire(env, "stalled", TTL).orElseThrow();

    clock.advance(TTL.plusSeconds(1));

    assertThat(storage.locks().renew(stale, TTL)).isEmpty();
    EnvironmentLocks.Lease fresh = storage.locks().tryAcquire(env, "fresh", TTL).orElseThrow();
    assertThat(fresh.id()).isGreaterThan(stale.id());
    assertThatThrownBy(
            () -> storage.inventory().replace(stale, Inventory.of(Set.of(ResourceKey.of("late")))))
        .isInstanceOf(LeaseLostException.class);
    storage.inventory().replace(fresh, Inventory.of(Set.of(ResourceKey.of("current"))));
    assertThat(storage.inventory().get(env).keys()).containsExactly(ResourceKey.of("current"));

    // Releasing a lost lease does not free the new holder's lock.
    storage.locks().release(stale);
    assertThat(storage.locks().holder(env)).contains(fresh);
    assertThat(storage.locks().renew(fresh, TTL)).isPresent();
    storage.locks().release(fresh);
  }

  @Test
  void anAbandonedLeaseIsBrokenAtOnceAndItsHolderFencedOff() {
    // Unique owners: the class's database holds the leases of its other tests too.
    String dead = Fixtures.unique("dead");
    String alive = Fixtures.unique("alive");
    EnvironmentName abandoned = newEnvironment();
    EnvironmentName kept = newEnvironment();
    EnvironmentName released = newEnvironment();
    EnvironmentName expired = newEnvironment();
    EnvironmentLocks.Lease stale = storage.locks().tryAcquire(abandoned, dead, TTL).orElseThrow();
    EnvironmentLocks.Lease live = storage.locks().tryAcquire(kept, alive, TTL).orElseThrow();
    storage.locks().release(storage.locks().tryAcquire(released, dead, TTL).orElseThrow());
    storage.locks().tryAcquire(expired, dead, Duration.ofSeconds(1)).orElseThrow();
    clock.advance(Duration.ofSeconds(2));

    List<EnvironmentName> broken = storage.locks().breakAbandoned(owner -> !owner.equals(dead));

    assertThat(broken).containsExactly(abandoned);
    assertThat(storage.locks().holder(abandoned)).isEmpty();
    assertThat(storage.locks().holder(kept)).contains(live);
    assertThat(storage.locks().renew(stale, TTL)).as("the stalled holder wakes up").isEmpty();
    assertThatThrownBy(
            () -> storage.inventory().replace(stale, Inventory.of(Set.of(ResourceKey.of("late")))))
        .isInstanceOf(LeaseLostException.class);
    EnvironmentLocks.Lease next = storage.locks().tryAcquire(abandoned, alive, TTL).orElseThrow();
    assertThat(next.id()).isGreaterThan(stale.id());
    storage.locks().release(stale);
    assertThat(storage.locks().holder(abandoned)).contains(next);
    assertThat(storage.locks().breakAbandoned(owner -> !owner.equals(dead))).isEmpty();
    storage.locks().release(next);
    storage.locks().release(live);
  }

  @Test
  void twoThreadsOnTwoConnectionPoolsContendAndExactlyOneWins() throws Exception {
    try (Storage other = Storage.open(database().config().withPoolSize(2), clock)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 25; round++) {
          EnvironmentName env = EnvironmentName.of(Fixtures.unique("race"));
          CyclicBarrier start = new CyclicBarrier(2);
          List<Future<Optional<EnvironmentLocks.Lease>>> results = new ArrayList<>();
          for (EnvironmentLocks locks : List.<EnvironmentLocks>of(storage.locks(), other.locks())) {
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
  void contendersForAnExpiredLeaseAlsoHaveOneWinner() throws Exception {
    EnvironmentName env = newEnvironment();
    storage.locks().tryAcquire(env, "dead", TTL).orElseThrow();
    clock.advance(TTL.plusSeconds(1));
    try (Storage other = Storage.open(database().config().withPoolSize(2), clock)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Optional<EnvironmentLocks.Lease>>> results = new ArrayList<>();
        for (EnvironmentLocks locks : List.<EnvironmentLocks>of(storage.locks(), other.locks())) {
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
