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
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.driftless.engine.port.InventoryStore}, for every store that implements
 * it.
 */
public abstract class InventoryStoreContract extends StoresContract {

  @Test
  void anEnvironmentThatNeverAppliedHasAnEmptyInventory() {
    assertThat(stores.inventory().get(newEnvironment())).isEqualTo(Inventory.empty());
    assertThat(stores.inventory().get(EnvironmentName.of(Fixtures.unique("ghost"))))
        .isEqualTo(Inventory.empty());
  }

  @Test
  void replaceSwapsTheWholeSet() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    stores
        .inventory()
        .replace(lease, Inventory.of(Set.of(ResourceKey.of("a"), ResourceKey.of("b"))));

    Inventory next = Inventory.of(Set.of(ResourceKey.of("b"), ResourceKey.of("c/d.conf")));
    stores.inventory().replace(lease, next);

    assertThat(stores.inventory().get(env)).isEqualTo(next);
    stores.locks().release(lease);
  }

  @Test
  void aLargeInventoryRoundTrips() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    TreeSet<ResourceKey> keys = new TreeSet<>();
    for (int i = 0; i < 5_000; i++) {
      keys.add(ResourceKey.of("dir/" + i));
    }

    stores.inventory().replace(lease, new Inventory(keys));

    assertThat(stores.inventory().get(env).keys()).containsExactlyElementsOf(keys);
    stores.locks().release(lease);
  }

  @Test
  void replacingUnderALostLeaseIsRefusedAndKeepsTheOldSet() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease =
        stores.locks().tryAcquire(env, "old", Duration.ofSeconds(5)).orElseThrow();
    Inventory old = Inventory.of(Set.of(ResourceKey.of("keep")));
    stores.inventory().replace(lease, old);
    stores.locks().release(lease);

    assertThatThrownBy(
            () -> stores.inventory().replace(lease, Inventory.of(Set.of(ResourceKey.of("x")))))
        .isInstanceOf(LeaseLostException.class);
    assertThat(stores.inventory().get(env)).isEqualTo(old);
  }
}
