package io.driftless.storage.jdbi;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.InventoryStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
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

  /**
   * Writes only what changed: a run that applies the same keys as the last one (most do) reads the
   * set and writes nothing, and one key added or removed in 10,000 is one row.
   */
  @Override
  public void replace(EnvironmentLocks.Lease lease, Inventory inventory) {
    try {
      jdbi.useTransaction(
          h -> {
            Fencing.check(h, lease, clock.instant());
            long envId = Sql.environmentId(h, lease.environment().value());
            Set<String> stored =
                new HashSet<>(
                    h.createQuery("SELECT resource_key FROM inventory WHERE environment_id = :env")
                        .bind("env", envId)
                        .mapTo(String.class)
                        .list());
            List<String> added = new ArrayList<>();
            for (ResourceKey key : inventory.keys()) {
              if (!stored.remove(key.value())) {
                added.add(key.value());
              }
            }
            // What is left of the stored keys has left the inventory.
            write(
                h,
                "DELETE FROM inventory WHERE environment_id = :env AND resource_key = :key",
                envId,
                stored);
            write(
                h,
                "INSERT INTO inventory (environment_id, resource_key) VALUES (:env, :key)",
                envId,
                added);
          });
    } catch (JdbiException e) {
      throw Sql.translate(e);
    }
  }

  private static void write(Handle h, String sql, long envId, Collection<String> keys) {
    PreparedBatch batch = null;
    int pending = 0;
    for (String key : keys) {
      if (batch == null) {
        batch = h.prepareBatch(sql);
      }
      batch.bind("env", envId).bind("key", key).add();
      if (++pending == BATCH) {
        batch.execute();
        batch = null;
        pending = 0;
      }
    }
    if (batch != null) {
      batch.execute();
    }
  }
}
