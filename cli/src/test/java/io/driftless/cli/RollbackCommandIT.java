package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.DriftlessApplication;
import io.driftless.api.config.DriftlessConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code driftless rollback --revert-commit} against the real server, with a bare repository that
 * the git CLI reads back, and a configured restore commit author.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RollbackCommandIT {
  static final Path DIR = tempDir();
  static final DropwizardAppExtension<DriftlessConfiguration> APP =
      new DropwizardAppExtension<>(
          DriftlessApplication.class,
          ResourceHelpers.resourceFilePath("cli-test-config.yml"),
          ConfigOverride.config("dataDir", DIR.resolve("data").toString()),
          ConfigOverride.config("git.commitAuthor.name", "Release Bot"),
          ConfigOverride.config("git.commitAuthor.email", "bot@example.com"),
          ConfigOverride.config(
              "logging.appenders[0].currentLogFilename", DIR.resolve("server.log").toString()),
          ConfigOverride.config(
              "server.requestLog.appenders[0].currentLogFilename",
              DIR.resolve("request.log").toString()));

  static Path tempDir() {
    try {
      return Files.createTempDirectory("driftless-cli-rollback-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void revertCommitPushesARestoreOfTheEnvironmentsPathAndEndsUnpinned() throws Exception {
    Cli cli =
        new Cli(
            "--server",
            "http://localhost:" + APP.getLocalPort(),
            "--token",
            Files.readString(DIR.resolve("data/admin.token")).trim());
    Path bare = DIR.resolve("configs.git");
    Path work = DIR.resolve("work");
    git(DIR, "init", "-q", "--bare", "--initial-branch=main", bare.toString());
    git(DIR, "clone", "-q", bare.toString(), work.toString());
    String one =
        commitAndPush(
            work, "one", Map.of("envs/web/index.html", "one\n", "envs/api/app.conf", "api one\n"));
    Path target = DIR.resolve("data/targets/web");

    ok(cli.run("source", "add", "configs", bare.toUri().toString()), "Source configs registered");
    ok(
        cli.run(
            "env",
            "add",
            "web",
            "--source",
            "configs",
            "--path",
            "envs/web",
            "--target-root",
            target.toString(),
            "--no-auto"),
        "Environment web registered");
    ok(cli.run("sync", "web", "--wait"));
    commitAndPush(
        work, "two", Map.of("envs/web/index.html", "two\n", "envs/api/app.conf", "api two\n"));
    ok(cli.run("sync", "web", "--wait"));
    assertThat(Files.readString(target.resolve("index.html"))).isEqualTo("two\n");

    Cli.Result rollback =
        cli.run(
            "rollback",
            "web",
            "--to-revision",
            one,
            "--reason",
            "two broke the page",
            "--revert-commit",
            "--wait");
    ok(rollback, "Restore commit ", " pushed; web unpins once it is applied");

    String head = git(bare, "rev-parse", "main").trim();
    assertThat(rollback.out()).contains("Restore commit " + head);
    assertThat(git(bare, "log", "-1", "--name-only", "--format=%an <%ae>", "main").trim())
        .isEqualTo("Release Bot <bot@example.com>\n\nenvs/web/index.html");
    assertThat(git(bare, "show", "main:envs/api/app.conf")).isEqualTo("api two\n");
    assertThat(Files.readString(target.resolve("index.html"))).isEqualTo("one\n");
    JsonNode env = new ObjectMapper().readTree(ok(cli.run("env", "show", "web", "-o", "json")));
    assertThat(env.path("state").path("pinnedRevision").isNull()).as(env.toString()).isTrue();
    assertThat(env.path("state").path("syncedRevision").asText()).isEqualTo(head);
  }

  private static String ok(Cli.Result r, String... expected) {
    assertThat(r.exit()).as(r.toString()).isZero();
    for (String e : expected) {
      assertThat(r.out()).as(r.toString()).contains(e);
    }
    return r.out();
  }

  private static String commitAndPush(Path work, String message, Map<String, String> files)
      throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = work.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue());
    }
    git(work, "add", "-A");
    git(work, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", message);
    git(work, "push", "-q", "origin", "HEAD:main");
    return git(work, "rev-parse", "HEAD").trim();
  }

  private static String git(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError(command + " failed: " + out);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
