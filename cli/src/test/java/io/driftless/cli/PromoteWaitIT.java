package io.driftless.cli;

import static io.driftless.cli.OfflineCommandsTest.assertOneLine;
import static io.driftless.engine.testing.GitDaemon.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.GitDaemon;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code driftless promote FROM TO --wait} against a running server and a repository served by
 * {@code git daemon}: it returns 0 once TO applied the promotion, 1 when the promotion failed (a
 * refused push), 2 on bad input (TO with auto-sync off, which would wait forever).
 */
class PromoteWaitIT {
  @RegisterExtension static final TestServer SERVER = Cli.server();
  static final GitDaemon DAEMON = GitDaemon.serve(SERVER.dir.resolve("served"));

  @AfterAll
  static void stop() {
    DAEMON.close();
  }

  @Test
  void promoteWaitReturnsWhenTheReceivingEnvironmentAppliedThePromotionOrItFailed()
      throws Exception {
    Cli cli = Cli.admin(SERVER);
    Path bare = DAEMON.createBare("pw.git", "main");
    try (TestGitRepo work = TestGitRepo.pushingTo(bare, SERVER.dir.resolve("pw-work"))) {
      work.commit(Map.of("envs/staging/VERSION", "1\n", "envs/prod/VERSION", "0\n"), "Release 1");
      work.push();
      ok(cli.run("source", "add", "pw", DAEMON.url("pw.git")), "Source pw registered");
      ok(environment(cli, "pw-staging", "envs/staging"), "Environment pw-staging registered");
      ok(cli.run("sync", "pw-staging", "--wait", "--reason", "release 1"), "succeeded");
      ok(
          environment(
              cli,
              "pw-prod",
              "envs/prod",
              "--promote-from",
              "pw-staging",
              "--promote-via",
              "commit"),
          "Environment pw-prod registered");
      String before = git(bare, "rev-parse", "main").trim();

      // Auto-sync off: nothing would apply it, so --wait is refused before anything is pushed.
      Cli.Result manual =
          cli.expect(2, "promote", "pw-staging", "pw-prod", "--reason", "r", "--wait");
      assertThat(manual.err()).contains("auto-sync off").contains("driftless sync pw-prod");
      assertOneLine(manual);
      assertThat(git(bare, "rev-parse", "main").trim()).isEqualTo(before);

      // The automatic promotion's window, set and removed from the command line.
      ok(cli.run("env", "set", "pw-prod", "--promote-after-healthy", "10m"), "pw-prod");
      assertThat(promotionRule(cli).path("auto").path("afterHealthy").asText()).isEqualTo("10m");
      ok(cli.run("env", "set", "pw-prod", "--promote-after-healthy", "off"), "pw-prod");
      assertThat(promotionRule(cli).path("auto").isNull()).isTrue();
      assertThat(promotionRule(cli).path("from").asText()).isEqualTo("pw-staging");

      // Auto-sync on: it waits until pw-prod's run applied the promotion.
      ok(cli.run("env", "set", "pw-prod", "--auto", "--interval", "1h"), "pw-prod");
      CompletableFuture<Cli.Result> waiting =
          CompletableFuture.supplyAsync(
              () -> cli.run("promote", "pw-staging", "pw-prod", "--reason", "ship 1", "--wait"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (git(bare, "rev-parse", "main").trim().equals(before) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(waiting).isNotDone();
      ok(cli.run("sync", "pw-prod", "--wait", "--reason", "deploy"), "succeeded");
      Cli.Result applied = waiting.get(60, TimeUnit.SECONDS);
      assertThat(applied.exit()).as(applied.toString()).isZero();
      assertThat(applied.out()).contains("pushed").contains("applied by run");
      assertThat(Files.readString(SERVER.dir.resolve("data/targets/pw-prod/VERSION")))
          .isEqualTo("1\n");

      // A push the host refuses is a failed promotion: exit 1 with the host's reason.
      git(work.dir(), "pull", "--quiet", "--rebase", bare.toUri().toString(), "main");
      work.commit(Map.of("envs/staging/VERSION", "2\n"), "Release 2");
      work.push();
      ok(cli.run("sync", "pw-staging", "--wait", "--reason", "release 2"), "succeeded");
      DAEMON.refusePushes("pw.git", "branch main is protected");
      Cli.Result refused =
          cli.expect(1, "promote", "pw-staging", "pw-prod", "--reason", "ship 2", "--wait");
      assertThat(refused.out() + refused.err()).contains("branch main is protected");
    }
  }

  private static Cli.Result environment(Cli cli, String name, String path, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "env",
                "add",
                name,
                "--source",
                "pw",
                "--path",
                path,
                "--target-root",
                SERVER.dir.resolve("data/targets/" + name).toString(),
                "--no-auto"));
    args.addAll(List.of(options));
    return cli.run(args.toArray(String[]::new));
  }

  private static JsonNode promotionRule(Cli cli) throws Exception {
    return new ObjectMapper()
        .readTree(ok(cli.run("env", "show", "pw-prod", "-o", "json")))
        .path("promotion");
  }

  private static String ok(Cli.Result r, String... expected) {
    assertThat(r.exit()).as(r.toString()).isZero();
    for (String e : expected) {
      assertThat(r.out()).as(r.toString()).contains(e);
    }
    return r.out();
  }
}
