package io.driftless.api.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.FakeGitHost;
import io.driftless.api.testing.SensitiveStrings;
import io.driftless.api.testing.TestServer;
import io.driftless.kubernetes.MockCluster;
import io.dropwizard.testing.ConfigOverride;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pull request from a fork (its head repository is not the base repository) against a Kubernetes
 * environment, a directory environment and an environment rendered by a command, on a server
 * logging at DEBUG: the fork's preview shows counts and names only, reads no live object it names,
 * runs no command; an operator's approval at its head computes the full preview with sensitive
 * values still masked; a new push needs a new approval.
 */
class ForkPreviewIT {
  @RegisterExtension
  static final TestServer SERVER =
      TestServer.atDebug(
          // The mock API server runs in this JVM and logs the objects it stores: it plays the
          // cluster, whose own logs are not the server's.
          ConfigOverride.config(
              "logging.loggers.io\\.fabric8\\.kubernetes\\.client\\.server\\.mock", "INFO"),
          ConfigOverride.config("commands.enabled", "true"),
          ConfigOverride.config("commands.allowed", "sh"));

  static final String SECRET = PreviewFlowIT.SECRET;
  static final String TOKEN = "ghp_forkPreviewTokenNeverShown0123456789";
  static final String THREAD = "github acme/site#21";
  static final FakeGitHost HOST = start();

  static FakeGitHost start() {
    try {
      return new FakeGitHost(Map.of("github", TOKEN));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    HOST.close();
  }

  @Test
  void aForkSeesNoContentRunsNoCommandAndReadsNothingItNamesUntilAnOperatorApprovesItsHead()
      throws Exception {
    Api admin = SERVER.admin();
    SensitiveStrings secrets = new SensitiveStrings();
    String liveSecret = secrets.next();
    String unmanagedFile = secrets.next();
    // Not sensitive: only the untrusted head's rules keep it from the fork, until the approval.
    SensitiveStrings plain = new SensitiveStrings();
    String unmanagedNotes = plain.next();
    Path marker = SERVER.dir.resolve("render-command-ran");
    try (MockCluster cluster = new MockCluster();
        PullRequests repo = new PullRequests(SERVER.dir.resolve("fork-repo"))) {
      repo.commit(
          "main",
          Map.of(
              "site/app.conf", "port=80\n",
              "k8s/app.yaml",
                  """
                  {"apiVersion": "v1", "kind": "ConfigMap",
                   "metadata": {"name": "web", "namespace": "shop"}, "data": {"mode": "main"}}
                  """));
      PreviewFlowIT.register(admin, "fork", repo, "github", HOST.url(), TOKEN);
      admin.createEnvironment(
          EnvironmentBody.directory("fork-site", "fork", "site", SERVER.targets().resolve("site"))
              .with("sensitive", List.of("*.key")));
      Path kubeconfig = cluster.writeKubeconfig(SERVER.dir.resolve("kubeconfig"));
      created(admin.post("/api/v1/environments", kubernetes("fork-k8s", kubeconfig, null)));
      created(
          admin.post(
              "/api/v1/environments",
              kubernetes(
                  "fork-cmd",
                  kubeconfig,
                  Map.of("argv", List.of("sh", "-c", "touch '" + marker + "' && cat app.yaml")))));
      admin.syncSucceeded("fork-site", Map.of());
      admin.syncSucceeded("fork-k8s", Map.of());

      // Live state the fork must never see: a Secret and a file Driftless does not manage.
      cluster
          .client()
          .secrets()
          .inNamespace("shop")
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("db")
                  .withNamespace("shop")
                  .endMetadata()
                  .addToData("password", SensitiveStrings.base64(liveSecret))
                  .build())
          .create();
      Files.writeString(SERVER.targets().resolve("site/creds.key"), unmanagedFile + "\n");
      Files.writeString(SERVER.targets().resolve("site/notes.txt"), unmanagedNotes + "\n");
      int readsBefore = cluster.reads().size();

      // The fork names both, and changes what it may.
      ForkPush pushed =
          forkPush(
              repo,
              "fork",
              21,
              "opened",
              Map.of(
                  "site/app.conf", "port=81\n",
                  "site/creds.key", "fork-guess\n",
                  "site/notes.txt", "fork-guess\n",
                  "k8s/db.yaml",
                      """
                      apiVersion: v1
                      kind: Secret
                      metadata:
                        name: db
                        namespace: shop
                      stringData:
                        password: fork-guess
                      """));
      String head = pushed.head();
      JsonNode untrusted = pushed.preview();

      assertThat(untrusted.path("trust").asText()).isEqualTo("untrusted");
      assertThat(actions(untrusted, "fork-site"))
          .containsEntry("app.conf", "update")
          .containsEntry("creds.key", "create") // never read: it would be an adopting update
          .containsEntry("notes.txt", "create");
      assertThat(actions(untrusted, "fork-k8s")).containsEntry("core/Secret/shop/db", "create");
      assertThat(diffs(untrusted)).isEmpty();
      assertThat(untrusted.toString()).doesNotContain("port=81");
      JsonNode command = PreviewFlowIT.environment(untrusted, "fork-cmd");
      assertThat(command.path("result").asText()).isEqualTo("failed");
      assertThat(command.path("error").path("code").asText())
          .isEqualTo("preview.untrusted_command");
      assertThat(marker).doesNotExist();
      assertThat(cluster.reads().subList(readsBefore, cluster.reads().size()))
          .noneMatch(path -> path.contains("/secrets/db"));

      PreviewFlowIT.await(
          () -> HOST.comments(THREAD).stream().anyMatch(c -> c.body().contains("from a fork")),
          "the fork's comment");
      String beforeApproval = everything(admin);
      secrets.assertNoneIn(beforeApproval, "before the approval, a response, comment or log line");
      plain.assertNoneIn(beforeApproval, "before the approval, a response, comment or log line");

      // Approval: of a moved head a 409; at the head, the full preview, sensitive values masked.
      Api.Reply moved = approve(admin, "fork", 21, "1".repeat(40)).expect(409);
      Api.Reply approved = approve(admin, "fork", 21, head).expect(202);
      JsonNode full = awaitTrust(admin, "fork", 21, head, "approved");
      assertThat(full.path("approvedBy").asText()).isNotEmpty();
      JsonNode creds = change(full, "fork-site", "creds.key");
      assertThat(creds.path("action").asText()).isEqualTo("update");
      assertThat(creds.path("adopt").asBoolean()).isTrue();
      assertThat(creds.path("diff").asText()).contains("(sensitive value changed)");
      assertThat(change(full, "fork-site", "app.conf").path("diff").asText()).contains("+port=81");
      assertThat(change(full, "fork-site", "notes.txt").path("diff").asText())
          .contains("-" + unmanagedNotes); // approved: what is not sensitive is shown
      assertThat(change(full, "fork-k8s", "core/Secret/shop/db").path("diff").asText())
          .contains("(sensitive value changed)");
      assertThat(admin.get("/api/v1/audit").body()).contains("preview.approve");

      // A new push needs a new approval; the old head can no longer be approved.
      ForkPush next =
          forkPush(repo, "fork", 21, "synchronize", Map.of("site/app.conf", "port=82\n"));
      JsonNode reset = next.preview();
      assertThat(reset.path("trust").asText()).isEqualTo("untrusted");
      assertThat(diffs(reset)).isEmpty();
      Api.Reply stale = approve(admin, "fork", 21, head).expect(409);

      PreviewFlowIT.await(
          () ->
              HOST.comments(THREAD).stream()
                  .anyMatch(c -> c.body().contains(next.head().substring(0, 12))),
          "the comment at the new head");

      // No sensitive value, ever: responses, comments, requests to the host, logs.
      assertThat(Files.readString(SERVER.serverLog())).contains("DEBUG");
      secrets.assertNoneIn(everything(admin), "a response, comment or log line");
    }
  }

  @Test
  void withApproveAForkWaitsForAnOperatorAndWithOffItIsNotPreviewed() throws Exception {
    Api admin = SERVER.admin();
    try (PullRequests repo = new PullRequests(SERVER.dir.resolve("gated-repo"))) {
      repo.commit("main", Map.of("web/index.html", "one\n"));
      PreviewFlowIT.register(admin, "gated", repo, "github", HOST.url(), TOKEN);
      Api.Reply invalid =
          admin
              .patch("/api/v1/sources/gated", Map.of("previews", Map.of("forks", "sometimes")))
              .expect(422);
      assertThat(invalid.invalidField()).isEqualTo("previews.forks");
      forks(admin, "approve");
      admin.createEnvironment(
          EnvironmentBody.directory(
              "gated-web", "gated", "web", SERVER.targets().resolve("gated")));
      admin.syncSucceeded("gated-web", Map.of());

      ForkPush pushed = forkPush(repo, "gated", 3, "opened", Map.of("web/index.html", "two\n"));
      String head = pushed.head();
      JsonNode waiting = pushed.preview();
      assertThat(waiting.path("trust").asText()).isEqualTo("untrusted");
      assertThat(waiting.path("environments")).isEmpty();
      assertThat(waiting.path("message").asText()).contains("approves its head");
      Api.Reply approved = approve(admin, "gated", 3, head).expect(202);
      JsonNode full = awaitTrust(admin, "gated", 3, head, "approved");
      assertThat(PreviewFlowIT.summaries(full)).containsEntry("gated-web", "1 change: 1 update");
      assertThat(change(full, "gated-web", "index.html").path("diff").asText()).contains("+two");

      forks(admin, "off");
      String other = repo.commit("fork-b", Map.of("web/index.html", "three\n"));
      repo.onlyAs("fork-b", "refs/pull/4/head");
      Api.Reply off =
          PreviewFlowIT.deliver(SERVER, repo.githubFork("opened", 4, other, SECRET)).expect(200);
      assertThat(off.text("result")).isEqualTo("ignored"); // a preview starts before the reply
      assertThat(admin.get("/api/v1/previews?source=gated&pr=4").json().path("items")).isEmpty();
      assertThat(HOST.statuses(other)).isEmpty();
    }
  }

  /** Every API response so far, every request sent to the Git host, and both logs. */
  private static String everything(Api admin) throws java.io.IOException {
    StringBuilder everything = new StringBuilder(String.join("\n", admin.seen()));
    HOST.comments(THREAD).forEach(c -> everything.append(c.body()));
    HOST.requests().forEach(r -> everything.append(r.body()));
    everything.append(Files.readString(SERVER.serverLog()));
    everything.append(Files.readString(SERVER.requestLog()));
    return everything.toString();
  }

  /** A fork's head and its preview once done. */
  private record ForkPush(String head, JsonNode preview) {}

  /** A fork pushes {@code files} to pull request {@code pr} of {@code source}: the new head. */
  private static ForkPush forkPush(
      PullRequests repo, String source, long pr, String action, Map<String, String> files)
      throws Exception {
    String branch = "fork-" + source + "-" + pr;
    String head = repo.commit(branch, files);
    repo.onlyAs(branch, "refs/pull/" + pr + "/head");
    return new ForkPush(
        head,
        PreviewFlowIT.preview(SERVER, repo.githubFork(action, pr, head, SECRET), source, pr, head));
  }

  private static Api.Reply approve(Api api, String source, long pr, String head) {
    return api.post(
        "/api/v1/previews/" + source + "/" + pr + "/approve",
        Map.of("head", head, "reason", "reviewed"));
  }

  private static void forks(Api admin, String mode) {
    Api.Reply patched =
        admin.patch("/api/v1/sources/gated", Map.of("previews", Map.of("forks", mode))).expect(200);
    assertThat(patched.json().path("previews").path("forks").asText()).isEqualTo(mode);
  }

  private static JsonNode awaitTrust(Api api, String source, long pr, String head, String trust) {
    JsonNode[] found = new JsonNode[1];
    PreviewFlowIT.await(
        () -> {
          JsonNode items =
              api.get("/api/v1/previews?source=" + source + "&pr=" + pr).json().path("items");
          found[0] = items.path(0);
          return found[0].path("head").asText().equals(head)
              && found[0].path("state").asText().equals("done")
              && found[0].path("trust").asText().equals(trust);
        },
        "the " + trust + " preview at " + head);
    return found[0];
  }

  /** Every diff of every environment's plan in a preview. */
  private static List<String> diffs(JsonNode preview) {
    List<String> diffs = new java.util.ArrayList<>();
    for (JsonNode e : preview.path("environments")) {
      for (JsonNode c : e.path("plan").path("changes")) {
        if (!c.path("diff").isNull() && !c.path("diff").isMissingNode()) {
          diffs.add(c.path("diff").asText());
        }
      }
    }
    return diffs;
  }

  private static Map<String, String> actions(JsonNode preview, String environment) {
    Map<String, String> out = new HashMap<>();
    for (JsonNode c :
        PreviewFlowIT.environment(preview, environment).path("plan").path("changes")) {
      out.put(c.path("key").asText(), c.path("action").asText());
    }
    return out;
  }

  private static JsonNode change(JsonNode preview, String environment, String key) {
    for (JsonNode c :
        PreviewFlowIT.environment(preview, environment).path("plan").path("changes")) {
      if (c.path("key").asText().equals(key)) {
        return c;
      }
    }
    throw new AssertionError("no change of " + key + " in " + environment + ": " + preview);
  }

  private static void created(Api.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
  }

  private static Map<String, Object> kubernetes(
      String name, Path kubeconfig, Map<String, Object> renderCommand) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("source", "fork");
    body.put("ref", "main");
    body.put("path", "k8s");
    body.put("renderer", renderCommand == null ? "manifests" : "command");
    if (renderCommand != null) {
      body.put("renderCommand", renderCommand);
    }
    body.put(
        "target",
        Map.of("type", "kubernetes", "kubeconfig", kubeconfig.toString(), "namespace", "shop"));
    body.put("sync", Map.of("auto", false, "prune", true, "interval", "1h"));
    return body;
  }
}
