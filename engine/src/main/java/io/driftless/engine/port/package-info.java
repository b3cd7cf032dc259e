/**
 * The ports the engine and the server need from a store: the engine's ({@code SourceStore}, {@code
 * EnvironmentStore}, {@code RunStore}, {@code SnapshotStore}, {@code InventoryStore}, {@code
 * EnvironmentLocks}) and, extending or beside them, what the API needs ({@code SourceCatalog},
 * {@code EnvironmentCatalog}, {@code RunLog}, {@code SnapshotArchive}, {@code AuditTrail}, {@code
 * TokenStore}, {@code DeliveryLog}, {@code NotificationTargets}, {@code NotificationClaims}, {@code
 * HostApis}, {@code PreviewStore}, {@code RunEventLog}), gathered in {@link Stores}. The storage
 * module implements them with Jdbi on H2 and PostgreSQL; {@code io.driftless.engine.port.memory}
 * implements every one in memory, held to the same contract tests. Time comes from an injected
 * {@link java.time.Clock}.
 */
package io.driftless.engine.port;
