package io.driftless.cli;

import static io.driftless.engine.testing.GitDaemon.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code driftless rollback --revert-commit} against the real server, with a bare repository that
 * the git CLI reads back, and a configured restore commit author.
 */
class RollbackCommandIT {
  @RegisterExtension
  static final TestServer SERVER =
      Cli.server(
          ConfigOverride.config("git.commitAuthor.name", "Release Bot"),
          ConfigOverride.config("git.commitAuthor.email", "bot@example.com"));

  static final Path DIR = SERVER.dir;

  @Test
  void revertCommitPushesARestoreOfTheEnvironmentsPathAndEndsUnpinned() throws Exception {
    Cli cli = Cli.admin(SERVER);
    Path bare = DIR.resolve("configs.git");
    TestGitRepo work = TestGitRepo.pushingTo(bare, DIR.resolve("work"));
    String one =
        work.commit(Map.of("envs/web/index.html", "one\n", "envs/api/app.conf", "api one\n"), "one")
            .value();
    work.push();
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
    work.commit(Map.of("envs/web/index.html", "two\n", "envs/api/app.conf", "api two\n"), "two");
    work.push();
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
}
