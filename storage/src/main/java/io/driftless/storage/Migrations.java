package io.driftless.storage;

import io.driftless.storage.model.MigrationStatus;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The schema's Flyway migrations: {@code db/migration/common} for both databases plus the folder of
 * the database in use for what its SQL cannot share.
 */
public final class Migrations {
  private Migrations() {}

  /**
   * The outcome of a migration.
   *
   * @param schemaVersion the version the schema is at now; null for an empty schema
   */
  public record Result(int applied, String schemaVersion) {}

  static Flyway flyway(DataSource dataSource, Dialect dialect) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration/common", dialect.migrationLocation())
        .failOnMissingLocations(true)
        .load();
  }

  static Result migrate(DataSource dataSource, Dialect dialect) {
    MigrateResult result = flyway(dataSource, dialect).migrate();
    String version =
        result.targetSchemaVersion != null
            ? result.targetSchemaVersion
            : result.initialSchemaVersion;
    return new Result(result.migrationsExecuted, version);
  }

  static List<MigrationStatus> status(DataSource dataSource, Dialect dialect) {
    List<MigrationStatus> out = new ArrayList<>();
    for (MigrationInfo info : flyway(dataSource, dialect).info().all()) {
      out.add(
          new MigrationStatus(
              info.getVersion() == null ? null : info.getVersion().getVersion(),
              info.getDescription(),
              info.getState().getDisplayName(),
              info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant()));
    }
    return out;
  }
}
