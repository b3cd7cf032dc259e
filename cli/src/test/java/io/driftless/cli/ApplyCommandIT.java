package io.driftless.cli;

import static io.driftless.api.testing.ApplyDocuments.source;
import static io.driftless.cli.OfflineCommandsTest.assertOneLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.ApplyDocuments;
import io.driftless.api.testing.TestServer;
import io.driftless.cli.testing.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code driftless apply -f} and {@code driftless export} against real servers: the plan as a diff,
 * the exit codes a pipeline gates on, and a registry carried from one server to an empty one.
 */
class ApplyCommandIT {
  @RegisterExtension static final TestServer SERVER = Cli.server();

  private static String environment(String name, String source) {
    return ApplyDocuments.environment(name, source, name, SERVER.targets().resolve(name));
  }

  private static Path registry(String name, String... fileAndText) throws IOException {
    Path dir = SERVER.dir.resolve(name);
    for (int i = 0; i < fileAndText.length; i += 2) {
      Path file = dir.resolve(fileAndText[i]);
      Files.createDirectories(file.getParent());
      Files.writeString(file, fileAndText[i + 1]);
    }
    return dir;
  }

  @Test
  void envAddRegistersAConfigEnvironmentWithItsScope() throws Exception {
    Cli cli = Cli.admin(SERVER);
    assertThat(cli.run("source", "add", "ce-cfg", "https://git.example.com/cfg.git").exit())
        .isZero();
    Path root = SERVER.targets().resolve("ce");
    Cli.Result added =
        cli.expect(
            0,
            "env",
            "add",
            "ce-config",
            "--source",
            "ce-cfg",
            "--path",
            "driftless",
            "--scope-source",
            "ce-site",
            "--scope-root",
            root.toString(),
            "--deletion",
            "cascade");
    assertThat(added.out()).contains("driftless (the registry)");
    JsonNode target = SERVER.admin().get("/api/v1/environments/ce-config").json().path("target");
    assertThat(target.path("type").asText()).isEqualTo("driftless");
    assertThat(target.path("scope").path("sources").toString()).isEqualTo("[\"ce-site\"]");
    assertThat(target.path("scope").path("roots").get(0).asText()).isEqualTo(root.toString());
    assertThat(target.path("scope").path("commands").asBoolean()).isFalse();
    assertThat(target.path("deletion").asText()).isEqualTo("cascade");

    Cli.Result misplaced =
        cli.expect(
            2,
            "env",
            "add",
            "ce-other",
            "--source",
            "ce-cfg",
            "--target",
            "directory",
            "--target-root",
            root.toString(),
            "--scope-commands");
    assertThat(misplaced.err()).contains("--target driftless");
  }

  @Test
  void applyTwiceChangesNothingTheSecondTimeAndDryRunExitsOneThenZero() throws Exception {
    Cli cli = Cli.admin(SERVER);
    Path dir =
        registry(
            "twice",
            "sources.yaml",
            source("tw-site"),
            "envs/web.yaml",
            environment("tw-web", "tw-site"),
            "envs/api.yml",
            environment("tw-api", "tw-site"),
            "README.md",
            "not a document");

    Cli.Result before =
        cli.expect(1, "apply", "-f", dir.toString(), "--dry-run", "--owner", "platform");
    assertThat(before.out())
        .contains("+ add Environment tw-web (envs/web.yaml)")
        .contains("+ add Source tw-site (sources.yaml)")
        .contains("Would apply: 3 to add");

    Cli.Result first = cli.expect(0, "apply", "-f", dir.toString(), "--owner", "platform");
    assertThat(first.out()).contains("Applied: 3 to add");
    Cli.Result second = cli.expect(0, "apply", "-f", dir.toString(), "--owner", "platform");
    assertThat(second.out()).contains("No changes: 3 unchanged").doesNotContain("+ add");

    Cli.Result after =
        cli.expect(0, "apply", "-f", dir.toString(), "--dry-run", "--owner", "platform");

    Files.writeString(
        dir.resolve("envs/web.yaml"),
        environment("tw-web", "tw-site").replace("ref: main", "ref: v2"));
    Cli.Result changed =
        cli.expect(1, "apply", "-f", dir.toString(), "--dry-run", "--owner", "platform");
    assertThat(changed.out()).contains("~ change Environment tw-web (envs/web.yaml): ref");

    Cli.Result rest = cli.expect(2, "env", "rm", "tw-api");
    assertThat(rest.err()).contains("platform").contains("envs/api.yml");

    Files.delete(dir.resolve("envs/api.yml"));
    Cli.Result pruned =
        cli.expect(0, "apply", "-f", dir.toString(), "--owner", "platform", "--prune");
    assertThat(pruned.out()).contains("- retire Environment tw-api (envs/api.yml)");
    assertThat(cli.run("env", "show", "tw-api").out()).containsIgnoringCase("retired");
    Cli.Result again =
        cli.expect(0, "apply", "-f", dir.toString(), "--owner", "platform", "--prune");
    assertThat(again.out()).doesNotContain("retire");
  }

  @Test
  void refusalsExitTwoWithOneLine() throws Exception {
    Cli cli = Cli.admin(SERVER);
    Path secret =
        registry(
            "secret",
            "src.yaml",
            source("rf-site") + "auth: {type: basic, username: u, password: hunter2hunter2}\n");
    Cli.Result refused = cli.expect(2, "apply", "-f", secret.toString());
    assertThat(refused.err())
        .contains("src.yaml")
        .contains("auth.password")
        .doesNotContain("hunter2");
    assertOneLine(refused);

    Cli.Result prune = cli.expect(2, "apply", "-f", secret.toString(), "--prune");
    assertThat(prune.err()).contains("--owner");

    Cli.Result foreign =
        cli.expect(
            0,
            "apply",
            "-f",
            registry("theirs", "s.yaml", source("rf-owned")).toString(),
            "--owner",
            "a");
    Cli.Result taken =
        cli.expect(2, "apply", "-f", SERVER.dir.resolve("theirs").toString(), "--owner", "b");
    assertThat(taken.err()).contains("adopt: true").contains("managed by 'a'");
  }

  @Test
  void exportThenApplyOnAnEmptyServerReproducesTheRegistry() throws Exception {
    Cli cli = Cli.admin(SERVER);
    Path dir =
        registry(
            "carried",
            "all.yaml",
            source("ex-site")
                + "---\n"
                + environment("ex-web", "ex-site")
                + "---\n"
                + environment("ex-api", "ex-site"));
    assertThat(cli.run("apply", "-f", dir.toString()).exit()).isZero();

    Cli.Result exported = cli.expect(0, "export");
    assertThat(exported.out()).contains("kind: Environment").contains("name: ex-web");
    Path file = SERVER.dir.resolve("export.yaml");
    Files.writeString(file, exported.out());

    // Another server in its own process (one scheduler per JVM), allowing the same target roots.
    Path other = Files.createDirectories(SERVER.dir.resolve("empty-server"));
    try (ServerProcess server =
        ServerProcess.start(
            other,
            "git:\n  allowLocalUrls: true\ntargets:\n  allowedRoots: ['"
                + SERVER.targets()
                + "']\n")) {
      Cli empty = new Cli("--server", server.baseUrl(), "--token", ServerProcess.TOKEN);
      assertThat(empty.run("export").out()).isEmpty();
      Cli.Result applied = empty.expect(0, "apply", "-f", file.toString());
      assertThat(applied.out()).contains("+ add Environment ex-web");

      assertThat(empty.run("export").out()).isEqualTo(cli.run("export").out());
      assertThat(empty.run("apply", "-f", file.toString(), "--dry-run").exit()).isZero();
    }
  }

  @Test
  void ownedObjectsChangeOrGoOnlyWithForceAndListingsFilterByOwner() throws Exception {
    Cli cli = Cli.admin(SERVER);
    Path dir =
        registry(
            "forced",
            "sources.yaml",
            source("fo-site"),
            "envs/web.yaml",
            environment("fo-web", "fo-site"));
    assertThat(cli.run("apply", "-f", dir.toString(), "--owner", "forcers").exit()).isZero();

    Cli.Result set = cli.run("env", "set", "fo-web", "--ref", "release");
    assertThat(set.exit()).as(set.toString()).isNotZero();
    assertThat(set.err()).contains("managed by 'forcers'").contains("envs/web.yaml");
    Cli.Result forced = cli.expect(0, "env", "set", "fo-web", "--ref", "release", "--force");
    assertThat(forced.out()).contains("Environment fo-web changed");

    Cli.Result sourceSet =
        cli.run("source", "set", "fo-site", "--url", "https://git.example.com/fo-2.git");
    assertThat(sourceSet.exit()).as(sourceSet.toString()).isNotZero();
    assertThat(sourceSet.err()).contains("managed by 'forcers'");
    Cli.Result sourceForced =
        cli.expect(
            0, "source", "set", "fo-site", "--url", "https://git.example.com/fo-2.git", "--force");
    assertThat(sourceForced.out()).contains("fo-2.git");

    assertThat(cli.run("env", "list", "--owner", "forcers").out()).contains("fo-web");
    assertThat(cli.run("env", "list", "--owner", "nobody").out()).doesNotContain("fo-web");
    assertThat(cli.run("source", "list", "--owner", "forcers").out()).contains("fo-site");

    assertThat(cli.run("env", "rm", "fo-web").exit()).isNotZero();
    Cli.Result removed = cli.expect(0, "env", "rm", "fo-web", "--force");
    assertThat(cli.run("source", "rm", "fo-site").exit()).isNotZero();
    assertThat(cli.run("source", "rm", "fo-site", "--force").exit()).isZero();
  }
}
