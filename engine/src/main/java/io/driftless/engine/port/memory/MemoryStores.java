package io.driftless.engine.port.memory;

import io.driftless.engine.port.Stores;
import java.time.Clock;

/**
 * Every store port in memory, for one process: an API service tested with no database, and the
 * benchmarks. Held to the same contract tests as the database stores.
 */
public final class MemoryStores {
  private MemoryStores() {}

  /** Fresh, empty stores on one {@link MemoryStore}. */
  public static Stores open(Clock clock) {
    return open(new MemoryStore(clock), clock);
  }

  /** Stores on {@code store}, which keeps what the engine's ports share. */
  public static Stores open(MemoryStore store, Clock clock) {
    MemoryRunLog runs = new MemoryRunLog(store);
    MemoryNotificationTargets notifications = new MemoryNotificationTargets(store);
    MemoryHostApis hostApis = new MemoryHostApis(store, clock);
    MemoryPreviews previews = new MemoryPreviews(store, clock);
    MemoryCredentials credentials = new MemoryCredentials(store, clock);
    return new Stores(
        new MemorySourceCatalog(store, previews, hostApis, credentials, clock),
        new MemoryEnvironmentCatalog(store, runs, notifications, credentials, clock),
        runs,
        new MemorySnapshotArchive(store),
        store,
        store,
        new MemoryAuditTrail(),
        new MemoryTokens(clock),
        new MemoryDeliveryLog(store, clock),
        notifications,
        new MemoryNotificationClaims(clock),
        hostApis,
        previews,
        new MemoryRunEvents(),
        credentials,
        new MemoryPromotionLog(clock),
        new MemoryRegistryOwners(store));
  }
}
