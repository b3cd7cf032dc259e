package io.driftless.storage.jdbi;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.InventoryStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The keys each environment manages, replaced as a whole under the environment's lease. */
public final class InventoryRepository implements InventoryStore {
  private static final int BATCH = 1000;

  private final Jdbi jdbi;
  private final Clock clock;

  public InventoryRepository(Jdbi jdbi, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public Inventory get(EnvironmentName environment) {
    List<String> keys =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT i.resource_key FROM inventory i JOIN environments e ON e.id ="
                            + " i.environment_id WHERE e.name = :name")
                    .bind("name", environment.value())
                    .mapTo(String.class)
                    .list());
    TreeSet<ResourceKey> set = new TreeSet<>();
    keys.forEach(k -> set.add(ResourceKey.of(k)));
    return new Inventory(set);
  }

  @Override
  public void replace(EnvironmentLocks.Lease lease, Inventory inventory) {
    try {
      jdbi.useTransaction(
          h -> {
            Fencing.check(h, lease, clock.instant());
            long envId = Sql.environmentId(h, lease.environment().value());
            h.createUpdate("DELETE FROM inventory WHERE environment_id = :env")
                .bind("env", envId)
                .execute();
            PreparedBatch batch = null;
            int pending = 0;
            for (ResourceKey key : inventory.keys()) {
              if (batch == null) {
                batch =
                    h.prepareBatch(
                        "INSERT INTO inventory (environment_id, resource_key) VALUES (:env,"
                            + " :key)");
              }
              batch.bind("env", envId).bind("key", key.value()).add();
              if (++pending == BATCH) {
                batch.execute();
                batch = null;
                pending = 0;
              }
            }
            if (batch != null) {
              batch.execute();
            }
          });
    } catch (JdbiException e) {
      throw Sql.translate(e);
    }
  }
}
