package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.LeaseLostException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.driftless.engine.port.EnvironmentLocks}, for every store that
 * implements it.
 */
public abstract class EnvironmentLocksContract extends StoresContract {

  protected static final Duration TTL = Duration.ofSeconds(30);

  @Test
  void oneHolderAtATimeAndIdsGrow() {
    EnvironmentName env = newEnvironment();

    EnvironmentLocks.Lease first = stores.locks().tryAcquire(env, "a", TTL).orElseThrow();
    assertThat(stores.locks().tryAcquire(env, "b", TTL)).isEmpty();
    assertThat(stores.locks().tryAcquire(env, "a", TTL)).isEmpty();
    assertThat(stores.locks().holder(env)).contains(first);

    stores.locks().release(first);
    EnvironmentLocks.Lease second = stores.locks().tryAcquire(env, "b", TTL).orElseThrow();

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(second.owner()).isEqualTo("b");
    stores.locks().release(second);
  }

  @Test
  void aLockNeedsNoRegisteredEnvironment() {
    EnvironmentName free = EnvironmentName.of(Fixtures.unique("free"));

    EnvironmentLocks.Lease lease = stores.locks().tryAcquire(free, "x", TTL).orElseThrow();

    assertThat(lease.id()).isEqualTo(1);
    stores.locks().release(lease);
  }

  @Test
  void renewingExtendsTheLease() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = stores.locks().tryAcquire(env, "a", TTL).orElseThrow();

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
    EnvironmentLocks.Lease stale = stores.locks().tryAcquire(env, "stalled", TTL).orElseThrow();

    clock.advance(TTL.plusSeconds(1));

    assertThat(stores.locks().renew(stale, TTL)).isEmpty();
    EnvironmentLocks.Lease fresh = stores.locks().tryAcquire(env, "fresh", TTL).orElseThrow();
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
}
