package io.driftless.engine.port;

import java.util.Objects;

/**
 * Every port the server needs from a store, opened together: what the composition root hands out
 * and what the contract tests run against. The storage module fills it with Jdbi repositories,
 * {@code io.driftless.engine.port.memory.MemoryStores} with in-memory ones.
 */
public record Stores(
    SourceCatalog sources,
    EnvironmentCatalog environments,
    RunLog runs,
    SnapshotArchive snapshots,
    InventoryStore inventory,
    EnvironmentLocks locks,
    AuditTrail audit,
    TokenStore tokens,
    DeliveryLog deliveries,
    NotificationTargets notifications,
    NotificationClaims notificationClaims,
    HostApis hostApis,
    PreviewStore previews,
    RunEventLog events) {
  public Stores {
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(environments, "environments");
    Objects.requireNonNull(runs, "runs");
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(inventory, "inventory");
    Objects.requireNonNull(locks, "locks");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(deliveries, "deliveries");
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(notificationClaims, "notificationClaims");
    Objects.requireNonNull(hostApis, "hostApis");
    Objects.requireNonNull(previews, "previews");
    Objects.requireNonNull(events, "events");
  }
}
