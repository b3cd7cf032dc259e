package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.InventoryStoreContract;
import io.driftless.storage.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresInventoryRepositoryTest extends InventoryStoreContract {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.postgres();

  @Override
  protected Stores open(Clock clock) {
    return DATABASE.stores(clock);
  }

  @Test
  void replaceWritesOnlyTheKeysThatEnteredOrLeftTheSet() throws Exception {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    stores.inventory().replace(lease, inventory("a", "b", "c"));
    Map<String, String> before = rowVersions(env);

    stores.inventory().replace(lease, inventory("a", "b", "d"));

    // The transaction id that wrote each row: kept rows were not written again.
    Map<String, String> after = rowVersions(env);
    assertThat(after.keySet()).containsExactly("a", "b", "d");
    assertThat(after.get("a")).isEqualTo(before.get("a"));
    assertThat(after.get("b")).isEqualTo(before.get("b"));
    assertThat(after.get("d")).isNotEqualTo(before.get("a"));
    stores.locks().release(lease);
  }

  private static Inventory inventory(String... keys) {
    return Inventory.of(Stream.of(keys).map(ResourceKey::of).collect(Collectors.toSet()));
  }

  private static Map<String, String> rowVersions(EnvironmentName env) throws Exception {
    Map<String, String> versions = new TreeMap<>();
    try (Connection c = DATABASE.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT i.resource_key, i.xmin::text FROM inventory i JOIN environments e"
                    + " ON e.id = i.environment_id WHERE e.name = ?")) {
      s.setString(1, env.value());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          versions.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return versions;
  }
}
