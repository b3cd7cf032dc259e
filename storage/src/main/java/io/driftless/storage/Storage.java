package io.driftless.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.driftless.engine.port.Stores;
import io.driftless.engine.reconcile.EnginePorts;
import io.driftless.engine.sensitive.KeyedHash;
import io.driftless.storage.crypto.EncryptionKeys;
import io.driftless.storage.crypto.SecretCipher;
import io.driftless.storage.jdbi.ApiTokens;
import io.driftless.storage.jdbi.AuditLog;
import io.driftless.storage.jdbi.CredentialRepository;
import io.driftless.storage.jdbi.EnvironmentLeases;
import io.driftless.storage.jdbi.EnvironmentNotifications;
import io.driftless.storage.jdbi.EnvironmentRepository;
import io.driftless.storage.jdbi.HostApiRepository;
import io.driftless.storage.jdbi.InventoryRepository;
import io.driftless.storage.jdbi.NotificationSends;
import io.driftless.storage.jdbi.PreviewRepository;
import io.driftless.storage.jdbi.PromotionRepository;
import io.driftless.storage.jdbi.RegistryOwnerColumns;
import io.driftless.storage.jdbi.Repositories;
import io.driftless.storage.jdbi.RetentionJob;
import io.driftless.storage.jdbi.RunEvents;
import io.driftless.storage.jdbi.RunRepository;
import io.driftless.storage.jdbi.SnapshotRepository;
import io.driftless.storage.jdbi.SourceRepository;
import io.driftless.storage.jdbi.WebhookDeliveries;
import io.driftless.storage.model.MigrationStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Everything Driftless remembers, opened from one {@link StorageConfig}: a pooled data source,
 * migrations (when {@code migrateOnStart}), a {@link Jdbi}, and the repositories that implement the
 * engine's ports plus the API-facing ones. Close it to close the pool.
 */
public final class Storage implements AutoCloseable {
  private final StorageConfig config;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final SourceRepository sources;
  private final EnvironmentRepository environments;
  private final SnapshotRepository snapshots;
  private final RunRepository runs;
  private final InventoryRepository inventory;
  private final EnvironmentLeases locks;
  private final AuditLog audit;
  private final ApiTokens tokens;
  private final WebhookDeliveries webhookDeliveries;
  private final RetentionJob retention;
  private final EnvironmentNotifications notifications;
  private final NotificationSends notificationSends;
  private final HostApiRepository hostApis;
  private final PreviewRepository previews;
  private final RunEvents events;
  private final CredentialRepository credentials;
  private final PromotionRepository promotions;
  private final SecretCipher cipher;

  private Storage(
      StorageConfig config, HikariDataSource dataSource, SecretCipher cipher, Clock clock) {
    this.config = config;
    this.cipher = cipher;
    this.dataSource = dataSource;
    this.jdbi = Repositories.jdbi(dataSource);
    Dialect dialect = config.dialect();
    this.credentials = new CredentialRepository(jdbi, cipher, clock);
    this.promotions = new PromotionRepository(jdbi, clock);
    this.sources = new SourceRepository(jdbi, cipher, credentials, clock);
    this.environments = new EnvironmentRepository(jdbi, credentials, clock);
    this.snapshots = new SnapshotRepository(jdbi, dialect, clock);
    this.runs = new RunRepository(jdbi, snapshots, clock);
    this.inventory = new InventoryRepository(jdbi, clock);
    this.locks = new EnvironmentLeases(jdbi, clock);
    this.audit = new AuditLog(jdbi);
    this.tokens = new ApiTokens(jdbi, clock);
    this.webhookDeliveries = new WebhookDeliveries(jdbi, clock);
    this.retention =
        new RetentionJob(jdbi, snapshots, webhookDeliveries, config.retention(), clock);
    this.notifications = new EnvironmentNotifications(jdbi, cipher);
    this.notificationSends = new NotificationSends(jdbi, clock);
    this.hostApis = new HostApiRepository(jdbi, cipher, clock);
    this.previews = new PreviewRepository(jdbi, clock);
    this.events = new RunEvents(jdbi);
  }

  /**
   * Opens the storage: finds the encryption key (generating one only for H2), builds the pool and
   * migrates when {@code migrateOnStart}. Fails with {@link StorageConfigException} when a key is
   * missing for PostgreSQL.
   */
  public static Storage open(StorageConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    prepareDataDir(config);
    SecretCipher cipher = EncryptionKeys.cipher(config);
    HikariDataSource dataSource = pool(config);
    try {
      if (config.migrateOnStart()) {
        Migrations.migrate(dataSource, config.dialect());
      }
      return new Storage(config, dataSource, cipher, clock);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  /** Migrates the schema to the newest version; what {@code driftless db migrate} runs. */
  public static Migrations.Result migrate(StorageConfig config) {
    prepareDataDir(config);
    try (HikariDataSource dataSource = pool(config.withPoolSize(2))) {
      return Migrations.migrate(dataSource, config.dialect());
    }
  }

  /** Every known migration with its state; what {@code driftless db status} shows. */
  public static List<MigrationStatus> status(StorageConfig config) {
    prepareDataDir(config);
    try (HikariDataSource dataSource = pool(config.withPoolSize(2))) {
      return Migrations.status(dataSource, config.dialect());
    }
  }

  /**
   * A keyed hash whose key is derived from the secrets key for {@code purpose}: the same on every
   * replica that shares the database (they share the key), never the secrets key itself.
   */
  public KeyedHash keyedHash(String purpose) {
    return cipher.keyedHash(purpose);
  }

  public StorageConfig config() {
    return config;
  }

  /**
   * The pool, lent to the composition root for Quartz's job store and the pool metrics only; see
   * {@link LentPool}.
   */
  public LentPool lentPool() {
    return new LentPool(dataSource);
  }

  public SourceRepository sources() {
    return sources;
  }

  public EnvironmentRepository environments() {
    return environments;
  }

  public RunRepository runs() {
    return runs;
  }

  public SnapshotRepository snapshots() {
    return snapshots;
  }

  public InventoryRepository inventory() {
    return inventory;
  }

  public EnvironmentLeases locks() {
    return locks;
  }

  public AuditLog audit() {
    return audit;
  }

  public ApiTokens tokens() {
    return tokens;
  }

  public WebhookDeliveries webhookDeliveries() {
    return webhookDeliveries;
  }

  public RetentionJob retention() {
    return retention;
  }

  /** Each environment's notification targets, encrypted at rest. */
  public EnvironmentNotifications notifications() {
    return notifications;
  }

  /** The quiet period of notifications, shared by the replicas. */
  public NotificationSends notificationSends() {
    return notificationSends;
  }

  /** The Git host API of each source, for pull-request statuses and comments. */
  public HostApiRepository hostApis() {
    return hostApis;
  }

  /** The newest preview of each pull request. */
  public PreviewRepository previews() {
    return previews;
  }

  /** For this package's tests only: nothing outside storage reaches Jdbi. */
  Jdbi jdbi() {
    return jdbi;
  }

  /** Named credentials, encrypted at rest. */
  public CredentialRepository credentials() {
    return credentials;
  }

  /** The {@code run_events} table the event stream appends to and polls. */
  public RunEvents events() {
    return events;
  }

  /** Every port the server uses, all backed by this storage. */
  public Stores stores() {
    return new Stores(
        sources,
        environments,
        runs,
        snapshots,
        inventory,
        locks,
        audit,
        tokens,
        webhookDeliveries,
        notifications,
        notificationSends,
        hostApis,
        previews,
        events,
        credentials,
        promotions,
        new RegistryOwnerColumns(jdbi));
  }

  /** The engine's ports, all backed by this storage. */
  public EnginePorts enginePorts() {
    return new EnginePorts(sources, environments, runs, snapshots, inventory, locks);
  }

  /** Whether the database answers; for the readiness health check. */
  public boolean ping() {
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static void prepareDataDir(StorageConfig config) {
    if (config.dialect() == Dialect.H2 && config.dataDir() != null) {
      try {
        Files.createDirectories(config.dataDir());
      } catch (IOException e) {
        throw new StorageConfigException("cannot create the data directory " + config.dataDir(), e);
      }
    }
  }

  private static HikariDataSource pool(StorageConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("driftless");
    hikari.setJdbcUrl(config.jdbcUrl());
    if (config.user() != null) {
      hikari.setUsername(config.user());
    }
    if (config.password() != null) {
      hikari.setPassword(config.password());
    }
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setMinimumIdle(Math.min(2, config.poolSize()));
    // While the database is away, callers (the readiness check first) fail within seconds
    // rather than Hikari's default 30 s; the pool reconnects by itself when it is back.
    hikari.setConnectionTimeout(5_000);
    hikari.setValidationTimeout(3_000);
    if (config.dialect() == Dialect.POSTGRESQL) {
      // Batches of change rows and snapshot entries become multi-row INSERTs.
      hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    try {
      return new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StorageConfigException(
          "cannot connect to " + Dialect.redact(config.jdbcUrl()) + ": " + e.getMessage(), e);
    }
  }
}
