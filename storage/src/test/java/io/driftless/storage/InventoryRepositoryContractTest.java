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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.InventoryRepository} against a real database. */
public abstract class InventoryRepositoryContractTest extends StorageTestBase {

  @Test
  void anEnvironmentThatNeverAppliedHasAnEmptyInventory() {
    assertThat(storage.inventory().get(newEnvironment())).isEqualTo(Inventory.empty());
    assertThat(storage.inventory().get(EnvironmentName.of(Fixtures.unique("ghost"))))
        .isEqualTo(Inventory.empty());
  }

  @Test
  void replaceSwapsTheWholeSet() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    storage
        .inventory()
        .replace(lease, Inventory.of(Set.of(ResourceKey.of("a"), ResourceKey.of("b"))));

    Inventory next = Inventory.of(Set.of(ResourceKey.of("b"), ResourceKey.of("c/d.conf")));
    storage.inventory().replace(lease, next);

    assertThat(storage.inventory().get(env)).isEqualTo(next);
    storage.locks().release(lease);
  }

  @Test
  void aLargeInventoryRoundTrips() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    TreeSet<ResourceKey> keys = new TreeSet<>();
    for (int i = 0; i < 5_000; i++) {
      keys.add(ResourceKey.of("dir/" + i));
    }

    storage.inventory().replace(lease, new Inventory(keys));

    assertThat(storage.inventory().get(env).keys()).containsExactlyElementsOf(keys);
    storage.locks().release(lease);
  }

  @Test
  void replacingUnderALostLeaseIsRefusedAndKeepsTheOldSet() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease =
        storage.locks().tryAcquire(env, "old", Duration.ofSeconds(5)).orElseThrow();
    Inventory old = Inventory.of(Set.of(ResourceKey.of("keep")));
    storage.inventory().replace(lease, old);
    storage.locks().release(lease);

    assertThatThrownBy(
            () -> storage.inventory().replace(lease, Inventory.of(Set.of(ResourceKey.of("x")))))
        .isInstanceOf(LeaseLostException.class);
    assertThat(storage.inventory().get(env)).isEqualTo(old);
  }
}
