package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DbCommandTest {

  @Test
  void migratesThenReportsEveryMigrationApplied(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("driftless.yml");
    Files.writeString(config, "dataDir: " + dir.resolve("data") + "\n");

    StringWriter migrate = new StringWriter();
    assertThat(run(migrate, "db", "migrate", config.toString())).isZero();
    assertThat(migrate.toString()).startsWith("h2: ").contains("schema version");

    StringWriter status = new StringWriter();
    assertThat(run(status, "db", "status", config.toString())).isZero();
    assertThat(status.toString()).contains("Success").doesNotContain("Pending");
  }

  @Test
  void aMissingOrInvalidFileIsAUsageErrorNotAStackTrace(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    CommandLine cli = Driftless.commandLine();
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("db", "status", dir.resolve("missing.yml").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no configuration file").doesNotContain("\tat ");

    Path invalid = dir.resolve("invalid.yml");
    Files.writeString(invalid, "database:\n  poolSize: 0\n");
    StringWriter err2 = new StringWriter();
    CommandLine cli2 = Driftless.commandLine();
    cli2.setErr(new PrintWriter(err2, true));
    assertThat(cli2.execute("db", "migrate", invalid.toString())).isEqualTo(2);
    assertThat(err2.toString()).contains("poolSize").doesNotContain("\tat ");
  }

  private static int run(StringWriter out, String... args) {
    CommandLine cli = Driftless.commandLine();
    cli.setOut(new PrintWriter(out, true));
    return cli.execute(args);
  }
}
