package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.cli.output.OutputOptions;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
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

      Cli.Result r =
          new Cli()
              .run("render", path, "--var", "GREETING=hi", "--var-files", "*.env", "--content");
      assertThat(r.exit()).as(r.toString()).isZero();
      assertThat(r.out())
          .contains("Rendered 2 resource(s) from environments/staging")
          .contains("app.env")
          .contains("GREETING=hi")
          .contains("<h1>${NOT_SUBSTITUTED}</h1>")
          .doesNotContain("prod");

      Cli.Result json = new Cli().run("render", path, "-o", "json", "--var", "GREETING=x");
      assertThat(json.exit()).as(json.toString()).isZero();
      JsonNode list = new ObjectMapper().readTree(json.out());
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
      Cli.Result r =
          new Cli()
              .run("render", path, "--renderer", "manifests", "--namespace", "shop", "--content");
      assertThat(r.exit()).as(r.toString()).isZero();
      assertThat(r.out())
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
      Cli.Result broken = new Cli().run("render", path, "--renderer", "manifests");
      assertThat(broken.exit()).as(broken.toString()).isEqualTo(1);
      assertThat(broken.err())
          .contains("k8s/app.yaml:")
          .contains("document ")
          .contains("has no metadata.name");
      assertOneLine(broken);

      Cli.Result command = new Cli().run("render", path, "--renderer", "command");
      assertThat(command.exit()).as(command.toString()).isEqualTo(2);
      assertOneLine(command);
    }
  }

  @Test
  void renderNamesTheFileAndLineOfAnError() throws Exception {
    try (TestGitRepo repo = TestGitRepo.create(dir.resolve("repo"))) {
      repo.commit(Map.of("env/app.env", "A=1\nB=${BROKEN\n"), "broken");
      Cli.Result r =
          new Cli().run("render", repo.dir().resolve("env").toString(), "--var-files", "*.env");
      assertThat(r.exit()).as(r.toString()).isEqualTo(1);
      assertThat(r.err()).contains("env/app.env:2: ").contains("unterminated");
      assertOneLine(r);
    }
  }

  @Test
  void renderOutsideARepositorySaysSo() throws Exception {
    Files.createDirectories(dir.resolve("plain"));
    Cli.Result r = new Cli().run("render", dir.resolve("plain").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("is not inside a Git repository");
    assertOneLine(r);
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
    Cli.Result r = new Cli().run("env", "list", "--server", "http://127.0.0.1:1", "--token", "x");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("cannot reach the Driftless server at http://127.0.0.1:1/")
        .contains("DRIFTLESS_SERVER");
    assertOneLine(r);

    Cli.Result verbose =
        new Cli().run("env", "list", "--server", "http://127.0.0.1:1", "--token", "x", "--verbose");
    assertThat(verbose.exit()).isEqualTo(2);
    assertThat(verbose.err()).contains("ConnectException");
  }

  @Test
  void withoutATokenItSaysHowToLogIn() {
    OutputOptions.environment = Map.of("DRIFTLESS_SERVER", "http://127.0.0.1:1")::get;
    Cli.Result r = new Cli().run("env", "list", "--config", dir.resolve("none").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("not logged in").contains("driftless login http://127.0.0.1:1/");
    assertOneLine(r);
  }

  @Test
  void malformedFlagsAreOneLineWithWhereToLook() {
    Cli.Result unknown = new Cli().run("sync", "staging", "--bogus");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err())
        .contains("Unknown option: '--bogus'")
        .contains("driftless sync --help");
    assertOneLine(unknown);

    Cli.Result typo = new Cli().run("envv", "list");
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err()).contains("did you mean env");
    assertOneLine(typo);

    Cli.Result missing = new Cli().run("rollback", "prod", "--to-run", "3");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--reason");
    assertOneLine(missing);

    Cli.Result output = new Cli().run("env", "list", "-o", "xml");
    assertThat(output.exit()).isEqualTo(2);
    assertThat(output.err()).contains("xml");
    assertOneLine(output);

    Cli.Result revision =
        new Cli()
            .run(
                "rollback",
                "prod",
                "--to-revision",
                "abc",
                "--reason",
                "x",
                "--token",
                "t",
                "--server",
                "http://127.0.0.1:1");
    assertThat(revision.exit()).isEqualTo(2);
    assertThat(revision.err()).contains("full 40-digit commit id");
    assertOneLine(revision);
  }

  static void assertOneLine(Cli.Result r) {
    assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }
}
