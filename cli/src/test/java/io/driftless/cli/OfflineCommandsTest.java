package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.cli.output.OutputOptions;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What works without a server: render, completion, and the failures before any answer. */
class OfflineCommandsTest {
  @TempDir Path dir;

  @AfterEach
  void restoreEnvironment() {
    OutputOptions.environment = System::getenv;
  }

  @Test
  void rendersCommittedFilesWithVariables() throws Exception {
    try (TestGitRepo repo = TestGitRepo.create(dir.resolve("repo"))) {
      repo.commit(
          Map.of(
              "environments/staging/app.env", "GREETING=${GREETING}\n",
              "environments/staging/index.html", "<h1>${NOT_SUBSTITUTED}</h1>\n",
              "environments/prod/index.html", "prod\n"),
          "first");
      String path = repo.dir().resolve("environments/staging").toString();

      assertThat(rendered(path, "--var", "GREETING=hi", "--var-files", "*.env", "--content"))
          .contains("Rendered 2 resource(s) from environments/staging")
          .contains("app.env")
          .contains("GREETING=hi")
          .contains("<h1>${NOT_SUBSTITUTED}</h1>")
          .doesNotContain("prod");

      JsonNode list =
          new ObjectMapper().readTree(rendered(path, "-o", "json", "--var", "GREETING=x"));
      assertThat(list).hasSize(2);
      assertThat(list.get(0).path("key").asText()).isEqualTo("app.env");
    }
  }

  @Test
  void rendersManifestsOrNamesTheFileAndDocumentOfAnError() throws Exception {
    try (TestGitRepo repo = TestGitRepo.create(dir.resolve("repo"))) {
      repo.commit(
          Map.of(
              "k8s/app.yaml",
              "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: '1'\n"
                  + "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n",
              "k8s/README.md",
              "not a manifest\n"),
          "manifests");
      String path = repo.dir().resolve("k8s").toString();
      assertThat(rendered(path, "--renderer", "manifests", "--namespace", "shop", "--content"))
          .contains("Rendered 2 resource(s) from k8s")
          .contains("core/ConfigMap/shop/settings")
          .contains("apps/Deployment/shop/web")
          .contains("\"namespace\" : \"shop\"")
          .doesNotContain("README");

      repo.commit(
          Map.of(
              "k8s/app.yaml",
              "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                  + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"),
          "broken");
      assertThat(fails(1, "render", path, "--renderer", "manifests"))
          .contains("k8s/app.yaml:")
          .contains("document ")
          .contains("has no metadata.name");

      fails(2, "render", path, "--renderer", "command");
    }
  }

  @Test
  void renderNamesTheFileAndLineOfAnError() throws Exception {
    try (TestGitRepo repo = TestGitRepo.create(dir.resolve("repo"))) {
      repo.commit(Map.of("env/app.env", "A=1\nB=${BROKEN\n"), "broken");
      assertThat(fails(1, "render", repo.dir().resolve("env").toString(), "--var-files", "*.env"))
          .contains("env/app.env:2: ")
          .contains("unterminated");
    }
  }

  @Test
  void renderOutsideARepositorySaysSo() throws Exception {
    Files.createDirectories(dir.resolve("plain"));
    assertThat(fails(2, "render", dir.resolve("plain").toString()))
        .contains("is not inside a Git repository");
  }

  @Test
  void aClientCallBuildsOnlyTheCommandItNames() {
    // Dropwizard, storage and JGit stay unloaded for client commands.
    assertThat(Driftless.commandLine("env", "list").getSubcommands())
        .containsKey("env")
        .doesNotContainKeys("server", "demo", "db", "render");
    assertThat(Driftless.commandLine("--help").getSubcommands()).containsKeys("server", "env");
    assertThat(Driftless.commandLine("completion", "bash").getSubcommands()).containsKey("sync");
  }

  @Test
  void completionScriptForBash() {
    Cli.Result r = new Cli().run("completion", "bash");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("complete -F").contains("rollback").contains("--to-run");
  }

  @Test
  void unreachableServerIsOneLineWithWhatToDo() {
    assertThat(fails(2, "env", "list", "--server", "http://127.0.0.1:1", "--token", "x"))
        .contains("cannot reach the Driftless server at http://127.0.0.1:1/")
        .contains("DRIFTLESS_SERVER");

    Cli.Result verbose =
        new Cli().run("env", "list", "--server", "http://127.0.0.1:1", "--token", "x", "--verbose");
    assertThat(verbose.exit()).isEqualTo(2);
    assertThat(verbose.err()).contains("ConnectException");
  }

  @Test
  void withoutATokenItSaysHowToLogIn() {
    OutputOptions.environment = Map.of("DRIFTLESS_SERVER", "http://127.0.0.1:1")::get;
    assertThat(fails(2, "env", "list", "--config", dir.resolve("none").toString()))
        .contains("not logged in")
        .contains("driftless login http://127.0.0.1:1/");
  }

  @Test
  void malformedFlagsAreOneLineWithWhereToLook() {
    assertThat(fails(2, "sync", "staging", "--bogus"))
        .contains("Unknown option: '--bogus'")
        .contains("driftless sync --help");
    assertThat(fails(2, "envv", "list")).contains("did you mean env");
    assertThat(fails(2, "rollback", "prod", "--to-run", "3")).contains("--reason");
    assertThat(fails(2, "env", "list", "-o", "xml")).contains("xml");
    assertThat(
            fails(
                2,
                "rollback",
                "prod",
                "--to-revision",
                "abc",
                "--reason",
                "x",
                "--token",
                "t",
                "--server",
                "http://127.0.0.1:1"))
        .contains("full 40-digit commit id");
  }

  /** {@code driftless render PATH OPTIONS}; fails unless it exits 0; its standard output. */
  static String rendered(String path, String... options) {
    List<String> args = new ArrayList<>(List.of("render", path));
    args.addAll(List.of(options));
    Cli.Result r = new Cli().run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.toString()).isZero();
    return r.out();
  }

  /**
   * Runs {@code args}; fails unless it exits {@code exit} with one line on standard error, which it
   * returns.
   */
  static String fails(int exit, String... args) {
    Cli.Result r = new Cli().run(args);
    assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
    assertOneLine(r);
    return r.err();
  }

  static void assertOneLine(Cli.Result r) {
    assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }
}
