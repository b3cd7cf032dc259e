package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.cli.testing.DriftlessJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration mistake is one line that names the file, the field and the problem, and a
 * non-zero exit, for every command that reads the file; {@code --verbose} adds the stack. Run from
 * the built jar, as an operator meets it.
 */
class ConfigurationErrorsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String BAD_TOKEN =
      "error: driftless.yml: auth.adminToken: a token must be 'dlt_' and at least 43 base64url"
          + " characters";

  @TempDir Path dir;

  @Test
  void aBadValueIsOneLineNamingFileAndFieldForServerDemoAndDb() throws Exception {
    Files.writeString(dir.resolve("driftless.yml"), "dataDir: data\nauth:\n  adminToken: short\n");

    for (List<String> command :
        List.of(
            List.of("server", "driftless.yml"),
            List.of("demo", "--exit", "driftless.yml"),
            List.of("db", "migrate", "driftless.yml"),
            List.of("db", "status", "driftless.yml"))) {
      DriftlessJar.Result r = DriftlessJar.run(dir, TIMEOUT, command.toArray(String[]::new));

      assertThat(r.exit()).as("%s: %s", command, r).isEqualTo(2);
      assertThat(r.err().lines().toList()).as("%s: %s", command, r).hasSize(1);
      assertThat(r.err()).as("%s", command).startsWith(BAD_TOKEN);
      assertThat(r.out()).as("%s", command).isEmpty();
    }
    assertThat(dir.resolve("data")).as("nothing was started").doesNotExist();
  }

  @Test
  void unknownFieldsAndMalformedYamlSayWhere() throws Exception {
    Files.writeString(dir.resolve("typo.yml"), "scheduler:\n  thraeds: 4\n");
    Files.writeString(dir.resolve("broken.yml"), "database:\n  url: [unclosed\n");
    Files.writeString(dir.resolve("range.yml"), "scheduler:\n  threads: 0\n");

    DriftlessJar.Result typo = DriftlessJar.run(dir, TIMEOUT, "server", "typo.yml");
    DriftlessJar.Result broken = DriftlessJar.run(dir, TIMEOUT, "server", "broken.yml");
    DriftlessJar.Result range = DriftlessJar.run(dir, TIMEOUT, "db", "migrate", "range.yml");

    assertThat(typo.err())
        .as(typo.toString())
        .isEqualTo("error: typo.yml: scheduler.thraeds: unknown field\n");
    assertThat(broken.err().lines().toList()).as(broken.toString()).hasSize(1);
    assertThat(broken.err()).startsWith("error: broken.yml: line ");
    assertThat(range.err())
        .as(range.toString())
        .startsWith("error: range.yml: scheduler threads must be in [1, 500]: 0");
    assertThat(List.of(typo.exit(), broken.exit(), range.exit())).containsOnly(2);
  }

  @Test
  void verboseAddsTheStack() throws Exception {
    Files.writeString(dir.resolve("driftless.yml"), "auth:\n  adminToken: short\n");

    DriftlessJar.Result r = DriftlessJar.run(dir, TIMEOUT, "server", "--verbose", "driftless.yml");

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).startsWith(BAD_TOKEN).contains("\tat ", "Caused by: ");
  }
}
