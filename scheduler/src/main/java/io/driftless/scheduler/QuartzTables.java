package io.driftless.scheduler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Quartz's tables from the DDL shipped inside the Quartz jar, so the schema always matches
 * the Quartz version on the classpath. Runs its own Flyway with its own history table, apart from
 * the storage migrations, so the two modules version their schemas independently.
 */
public final class QuartzTables {
  private static final Logger LOG = LoggerFactory.getLogger(QuartzTables.class);

  static final String HISTORY_TABLE = "flyway_quartz_history";

  private QuartzTables() {}

  /** Which Quartz DDL and driver delegate fit a database. */
  public enum Dialect {
    H2("tables_h2.sql", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate"),
    POSTGRESQL("tables_postgres.sql", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");

    final String ddl;
    final String delegate;

    Dialect(String ddl, String delegate) {
      this.ddl = ddl;
      this.delegate = delegate;
    }

    static Dialect of(DataSource dataSource) {
      try (Connection c = dataSource.getConnection()) {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
          return POSTGRESQL;
        }
        if (product.contains("h2")) {
          return H2;
        }
        throw new IllegalStateException("the scheduler supports H2 and PostgreSQL, not " + product);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
      }
    }
  }

  /** Creates the Quartz tables if they are missing; returns how many migrations ran. */
  public static int migrate(DataSource dataSource) {
    Dialect dialect = Dialect.of(dataSource);
    MigrateResult result =
        Flyway.configure()
            .dataSource(dataSource)
            .table(HISTORY_TABLE)
            // The schema already holds the storage tables; start this history below V1.
            .baselineOnMigrate(true)
            .baselineVersion("0")
            // Only the Java migration below, never storage's db/migration scripts.
            .locations("classpath:io/driftless/scheduler/migration")
            .failOnMissingLocations(false)
            .javaMigrations(new CreateTables(dialect), new TriggerIndexOnH2(dialect))
            .load()
            .migrate();
    return result.migrationsExecuted;
  }

  /** The statements of a Quartz DDL script: comments, DROPs and COMMITs left out. */
  static List<String> statements(String script) {
    StringBuilder sql = new StringBuilder();
    for (String line : script.split("\\R")) {
      int comment = line.indexOf("--");
      sql.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
    }
    List<String> statements = new ArrayList<>();
    for (String statement : sql.toString().split(";")) {
      String s = statement.strip();
      String upper = s.toUpperCase(Locale.ROOT);
      // Flyway owns the transaction, and a first migration has nothing to drop.
      if (s.isEmpty() || upper.equals("COMMIT") || upper.startsWith("DROP TABLE")) {
        continue;
      }
      statements.add(s);
    }
    return statements;
  }

  static String ddl(Dialect dialect) {
    String resource = "org/quartz/impl/jdbcjobstore/" + dialect.ddl;
    try (InputStream in = QuartzTables.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the Quartz jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  /** V1: the Quartz tables as the Quartz jar defines them for this database. */
  private static final class CreateTables implements JavaMigration {
    private final Dialect dialect;

    CreateTables(Dialect dialect) {
      this.dialect = dialect;
    }

    @Override
    public MigrationVersion getVersion() {
      return MigrationVersion.fromVersion("1");
    }

    @Override
    public String getDescription() {
      return "Quartz tables";
    }

    @Override
    public Integer getChecksum() {
      // Independent of the dialect and of Quartz patch releases, so history stays valid.
      return 1;
    }

    @Override
    public boolean canExecuteInTransaction() {
      return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
      try (Statement statement = context.getConnection().createStatement()) {
        for (String sql : statements(ddl(dialect))) {
          statement.execute(sql);
        }
      }
    }
  }

  /**
   * V2: on H2, the index Quartz's PostgreSQL script has and its H2 script lacks, on which finding
   * the next triggers to fire and the misfired ones rests: without it each look is a scan of every
   * trigger, which at 10,000 environments took most of the scheduler's CPU. PostgreSQL has it from
   * V1.
   */
  private static final class TriggerIndexOnH2 implements JavaMigration {
    static final String SQL =
        "CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_NFT_ST"
            + " ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE, NEXT_FIRE_TIME)";

    private final Dialect dialect;

    TriggerIndexOnH2(Dialect dialect) {
      this.dialect = dialect;
    }

    @Override
    public MigrationVersion getVersion() {
      return MigrationVersion.fromVersion("2");
    }

    @Override
    public String getDescription() {
      return "index of trigger acquisition on H2";
    }

    @Override
    public Integer getChecksum() {
      return 2;
    }

    @Override
    public boolean canExecuteInTransaction() {
      return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
      if (dialect == Dialect.H2) {
        try (Statement statement = context.getConnection().createStatement()) {
          statement.execute(SQL);
        }
      }
    }
  }

  /** Quartz's tables whose rows grow with the environments; the planner must know their size. */
  static final List<String> GROWING =
      List.of("QRTZ_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS", "QRTZ_CRON_TRIGGERS", "QRTZ_JOB_DETAILS");

  /**
   * Refreshes PostgreSQL's statistics of Quartz's tables (nothing on H2). Never analyzed (a new
   * database, or autovacuum off or behind), QRTZ_TRIGGERS looks empty to the planner, which then
   * finds a trigger by its key through an index on the group and reads every trigger of the group:
   * 3.5 ms instead of 0.05 ms at 10,000 environments, for each of the dozen lookups Quartz makes
   * per fire under its trigger lock. That made one node fire 1,155 of 20,000 checks.
   *
   * @return whether the statistics were refreshed
   */
  static boolean analyze(DataSource dataSource) {
    try {
      if (Dialect.of(dataSource) != Dialect.POSTGRESQL) {
        return false;
      }
    } catch (IllegalStateException e) {
      // The database is away; the next refresh tries again.
      LOG.warn("cannot refresh the statistics of Quartz's tables: {}", e.toString());
      return false;
    }
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("ANALYZE " + String.join(", ", GROWING));
      if (!c.getAutoCommit()) {
        c.commit();
      }
      return true;
    } catch (SQLException e) {
      LOG.warn("cannot refresh the statistics of Quartz's tables: {}", e.toString());
      return false;
    }
  }

  /**
   * Triggers of the scheduler {@code name} due now and not yet fired: the queue depth. One of the
   * two queries outside the storage module, because these are Quartz's own tables; -1 when it
   * fails.
   */
  static long dueTriggers(DataSource dataSource, String name) {
    String sql =
        "SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE SCHED_NAME = ? AND NEXT_FIRE_TIME <= ?"
            + " AND TRIGGER_STATE IN ('WAITING', 'ACQUIRED', 'BLOCKED')";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, name);
      s.setLong(2, System.currentTimeMillis());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    } catch (SQLException e) {
      LOG.debug("cannot read the queue depth: {}", e.toString());
      return -1;
    }
  }

  /**
   * The last check-in of each node of the scheduler {@code name}, as Quartz recorded it in its own
   * table: what {@link AbandonedLeases} judges a lease holder's life by.
   *
   * @throws IllegalStateException when the database cannot answer
   */
  static Map<String, AbandonedLeases.Checkin> checkins(DataSource dataSource, String name) {
    String sql =
        "SELECT INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL FROM QRTZ_SCHEDULER_STATE"
            + " WHERE SCHED_NAME = ?";
    Map<String, AbandonedLeases.Checkin> checkins = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          checkins.put(r.getString(1), new AbandonedLeases.Checkin(r.getLong(2), r.getLong(3)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the cluster's check-ins: " + e.getMessage(), e);
    }
    return checkins;
  }
}
