package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.LeaseLostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.driftless.engine.port.EnvironmentLocks}, for every store that
 * implements it.
 */
public abstract class EnvironmentLocksContract extends StoresContract {

  protected static final Duration TTL = Duration.ofSeconds(30);

  @Test
  void anAbandonedLeaseIsBrokenAtOnceAndItsHolderFencedOff() {
    // Unique owners: the class's database holds the leases of its other tests too.
    String dead = Fixtures.unique("dead");
    String alive = Fixtures.unique("alive");
    EnvironmentName abandoned = newEnvironment();
    EnvironmentName kept = newEnvironment();
    EnvironmentName released = newEnvironment();
    EnvironmentName expired = newEnvironment();
    EnvironmentLocks.Lease stale = acquire(abandoned, dead);
    EnvironmentLocks.Lease live = acquire(kept, alive);
    stores.locks().release(acquire(released, dead));
    stores.locks().tryAcquire(expired, dead, Duration.ofSeconds(1)).orElseThrow();
    clock.advance(Duration.ofSeconds(2));

    List<EnvironmentName> broken = stores.locks().breakAbandoned(owner -> !owner.equals(dead));

    assertThat(broken).containsExactly(abandoned);
    assertThat(stores.locks().holder(abandoned)).isEmpty();
    assertThat(stores.locks().holder(kept)).contains(live);
    assertThat(stores.locks().renew(stale, TTL)).as("the stalled holder wakes up").isEmpty();
    assertThatThrownBy(
            () -> stores.inventory().replace(stale, Inventory.of(Set.of(ResourceKey.of("late")))))
        .isInstanceOf(LeaseLostException.class);
    EnvironmentLocks.Lease next = acquire(abandoned, alive);
    assertThat(next.id()).isGreaterThan(stale.id());
    stores.locks().release(stale);
    assertThat(stores.locks().holder(abandoned)).contains(next);
    assertThat(stores.locks().breakAbandoned(owner -> !owner.equals(dead))).isEmpty();
    stores.locks().release(next);
    stores.locks().release(live);
  }

  @Test
  void oneHolderAtATimeAndIdsGrow() {
    EnvironmentName env = newEnvironment();

    EnvironmentLocks.Lease first = acquire(env, "a");
    assertThat(stores.locks().tryAcquire(env, "b", TTL)).isEmpty();
    assertThat(stores.locks().tryAcquire(env, "a", TTL)).isEmpty();
    assertThat(stores.locks().holder(env)).contains(first);

    stores.locks().release(first);
    EnvironmentLocks.Lease second = acquire(env, "b");

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(second.owner()).isEqualTo("b");
    stores.locks().release(second);
  }

  @Test
  void aLockNeedsNoRegisteredEnvironment() {
    EnvironmentName free = EnvironmentName.of(Fixtures.unique("free"));

    EnvironmentLocks.Lease lease = acquire(free, "x");

    assertThat(lease.id()).isEqualTo(1);
    stores.locks().release(lease);
  }

  @Test
  void renewingExtendsTheLease() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = acquire(env, "a");

    clock.advance(Duration.ofSeconds(20));
    EnvironmentLocks.Lease renewed = stores.locks().renew(lease, TTL).orElseThrow();
    clock.advance(Duration.ofSeconds(20));

    assertThat(renewed.id()).isEqualTo(lease.id());
    assertThat(renewed.expiresAt()).isAfter(lease.expiresAt());
    assertThat(stores.locks().tryAcquire(env, "b", TTL)).isEmpty();
    stores.inventory().replace(renewed, Inventory.of(Set.of(ResourceKey.of("ok"))));
    stores.locks().release(renewed);
  }

  @Test
  void aHolderThatStopsHeartbeatingLosesTheLeaseAndItsLateWritesAreRefused() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease stale = acquire(env, "stalled");

    clock.advance(TTL.plusSeconds(1));

    assertThat(stores.locks().renew(stale, TTL)).isEmpty();
    EnvironmentLocks.Lease fresh = acquire(env, "fresh");
    assertThat(fresh.id()).isGreaterThan(stale.id());
    assertThatThrownBy(
            () -> stores.inventory().replace(stale, Inventory.of(Set.of(ResourceKey.of("late")))))
        .isInstanceOf(LeaseLostException.class);
    stores.inventory().replace(fresh, Inventory.of(Set.of(ResourceKey.of("current"))));
    assertThat(stores.inventory().get(env).keys()).containsExactly(ResourceKey.of("current"));

    // Releasing a lost lease does not free the new holder's lock.
    stores.locks().release(stale);
    assertThat(stores.locks().holder(env)).contains(fresh);
    assertThat(stores.locks().renew(fresh, TTL)).isPresent();
    stores.locks().release(fresh);
  }

  /** The lease of {@code environment} for {@code owner}, which must be free to take. */
  private EnvironmentLocks.Lease acquire(EnvironmentName environment, String owner) {
    return stores.locks().tryAcquire(environment, owner, TTL).orElseThrow();
  }
}
