package io.driftless.api.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.FakeGitHost;
import io.driftless.api.testing.SensitiveStrings;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.secrets.AgeCli;
import io.driftless.engine.secrets.Fixtures;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pull request that changes a SOPS file gets a preview and a comment that say only {@code
 * (sensitive value changed)}; a fork's pull request, even one that copies the SOPS file to a path
 * of its own, gets nothing decrypted. Neither value is in the comments, the previews, the API's
 * responses or the log at DEBUG.
 */
class SopsPreviewIT {
  @RegisterExtension static final TestServer SERVER = TestServer.atDebug();

  /** The fake Git host of the fork previews, with their token; stopped with the server. */
  static final FakeGitHost HOST = SERVER.owned(ForkPreviewIT.start());

  /** The secrets a test makes, looked for everywhere they must not be. */
  private final SensitiveStrings secrets = new SensitiveStrings();

  @Test
  void aPullRequestChangingASopsFileShowsOnlyThatItChangedAndAForkGetsNothingDecrypted()
      throws Exception {
    Api admin = SERVER.admin();
    String first = secrets.next();
    String second = secrets.next();
    AgeCli.Key key = admin.createAgeIdentity("pr-age");
    try (PullRequests repo = new PullRequests(SERVER.dir.resolve("sops-pr-repo"))) {
      String mainFile =
          Fixtures.encryptedForAge("db.env", "PASSWORD=" + first + "\n", key.recipient());
      repo.commit("main", Map.of("site/db.env", mainFile, "site/app.conf", "port=80\n"));
      PreviewFlowIT.register(admin, "sops", repo, "github", HOST.url(), ForkPreviewIT.TOKEN);
      Api.Reply keys =
          admin
              .patch(
                  "/api/v1/sources/sops",
                  Map.of("decryption", Map.of("identities", List.of("pr-age"))))
              .expect(200);
      admin.createEnvironment(
          EnvironmentBody.directory("sops-site", "sops", "site", SERVER.targets().resolve("site")));
      admin.syncSucceeded("sops-site", Map.of());

      String head =
          repo.commit(
              "feature",
              Map.of(
                  "site/db.env",
                  Fixtures.encryptedForAge("db.env", "PASSWORD=" + second + "\n", key.recipient()),
                  "site/app.conf",
                  "port=81\n"));
      var preview =
          PreviewFlowIT.preview(
              SERVER,
              repo.github("opened", 31, "feature", head, PreviewFlowIT.SECRET),
              "sops",
              31,
              head);
      String diff =
          PreviewFlowIT.environment(preview, "sops-site").path("plan").path("changes").toString();
      assertThat(diff).contains("(sensitive value changed: 1 value)").contains("+port=81");
      PreviewFlowIT.await(
          () ->
              HOST.comments("github acme/site#31").stream()
                  .anyMatch(c -> c.body().contains(head.substring(0, 12))),
          "the comment on #31");
      String comment =
          HOST.comments("github acme/site#31").stream()
              .map(FakeGitHost.Comment::body)
              .collect(Collectors.joining("\n"));
      assertThat(comment).contains("(sensitive value changed: 1 value)");

      // A fork copies the SOPS file from main to a path of its own: it is not decrypted.
      String forkHead =
          repo.commit("fork-branch", Map.of("site/copied.env", mainFile, "site/db.env", mainFile));
      repo.onlyAs("fork-branch", "refs/pull/32/head");
      PullRequests.Delivery fork = repo.githubFork("opened", 32, forkHead, PreviewFlowIT.SECRET);
      PreviewFlowIT.preview(SERVER, fork, "sops", 32, forkHead);
      PreviewFlowIT.await(
          () -> !HOST.comments("github acme/site#32").isEmpty(), "the comment on #32");

      String everything =
          comment
              + HOST.comments("github acme/site#32").stream()
                  .map(FakeGitHost.Comment::body)
                  .collect(Collectors.joining("\n"))
              + String.join("\n", admin.seen())
              + admin.get("/api/v1/previews?source=sops").body()
              + Files.readString(SERVER.serverLog());
      secrets.assertNoneIn(everything, "a comment, a preview, a response or the log");
    }
  }
}
