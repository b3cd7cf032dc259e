package io.driftless.engine.port;

/**
 * Every port the server needs from a store, opened together: what the composition root hands out
 * and what the contract tests run against. The storage module fills it with Jdbi repositories,
 * {@code io.driftless.engine.port.memory.MemoryStores} with in-memory ones. Those two builders fill
 * every port, so the bundle checks nothing itself.
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
    RunEventLog events,
    CredentialStore credentials,
    PromotionLog promotions,
    RegistryOwners owners) {}
