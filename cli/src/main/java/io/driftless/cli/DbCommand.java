package io.driftless.cli;

import io.driftless.api.config.DriftlessConfiguration;
import io.driftless.storage.Migrations;
import io.driftless.storage.Storage;
import io.driftless.storage.StorageConfig;
import io.driftless.storage.model.MigrationStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code driftless db migrate|status [config.yml]}: the schema of the configured database. */
@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description = "Migrate or inspect the database schema.",
    subcommands = {DbCommand.Migrate.class, DbCommand.Status.class})
final class DbCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

  /** What both subcommands take: the configuration file whose database they work on. */
  abstract static class OnDatabase implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin VerboseOption verbose;

    @Parameters(arity = "0..1", paramLabel = "config.yml", description = "Configuration file.")
    Path config;

    StorageConfig storage() {
      ServerCommand.requireFile(spec, config);
      DriftlessConfiguration loaded = ServerCommand.load(config);
      return loaded.getDatabase().buildStorageConfig(loaded.dataDir());
    }
  }

  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description = "Apply pending migrations to the configured database.")
  static final class Migrate extends OnDatabase {
    @Override
    public Integer call() {
      StorageConfig storage = storage();
      Migrations.Result result = Storage.migrate(storage);
      spec.commandLine()
          .getOut()
          .printf(
              "%s: %d migration(s) applied, schema version %s%n",
              storage.dialect().name().toLowerCase(java.util.Locale.ROOT),
              result.applied(),
              result.schemaVersion());
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "List migrations and whether they are applied.")
  static final class Status extends OnDatabase {
    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      boolean pending = false;
      for (MigrationStatus m : Storage.status(storage())) {
        out.printf(
            "%-8s %-10s %-40s %s%n",
            m.version(),
            m.state(),
            m.description(),
            m.installedOn() == null ? "" : m.installedOn());
        pending |= !"Success".equalsIgnoreCase(m.state());
      }
      return pending ? 1 : 0;
    }
  }
}
