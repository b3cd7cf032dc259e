package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.cli.testing.DriftlessJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftless demo}, run from the built jar: the config environment {@code demo-config},
 * registered by REST, applies the repository's {@code driftless/demo.yaml}, which declares the
 * environment {@code demo}; the bundled example's SOPS file is decrypted by the demo's own age key
 * (the credential {@code demo-age}) and written to the target decrypted, mode 0600, while the run's
 * diff shows only that it changed.
 */
class DemoIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path dir;

  @Test
  void aConfigEnvironmentDeclaresTheDemoWhichDecryptsItsSopsFileWithItsOwnKey() throws Exception {
    Files.writeString(
        dir.resolve("driftless.yml"),
        "dataDir: data\n"
            + "logging:\n  level: WARN\n"
            + "server:\n"
            + "  applicationConnectors:\n    - type: http\n      port: 0\n"
            + "  adminConnectors:\n    - type: http\n      port: 0\n");

    DriftlessJar.Result r =
        DriftlessJar.run(dir, TIMEOUT, "demo", "--exit", "--diff", "driftless.yml");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out())
        .as("the config environment's run created the demo environment from its document")
        .containsPattern("Config environment demo-config: run \\d+ succeeded")
        .containsPattern("create +\\S+ +environment/demo")
        .containsPattern("Environment demo: run \\d+ succeeded")
        .contains("Environment demo is managed by demo-config (file demo.yaml)");
    assertThat(dir.resolve("data/demo-repo/driftless/demo.yaml")).exists();
    Path secrets = dir.resolve("data/targets/demo/secrets.env");
    assertThat(Files.readString(secrets))
        .isEqualTo("DB_PASSWORD=demo-password-not-secret\nAPI_TOKEN=demo-token-not-secret\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
        .isEqualTo("rw-------");
    assertThat(r.out()).contains("secrets.env").contains("(sensitive value changed: 2 values)");
    assertThat(r.out() + r.err()).doesNotContain("demo-password-not-secret");
    assertThat(Files.exists(dir.resolve("data/targets/demo/demo-age-key.txt"))).isFalse();
  }
}
