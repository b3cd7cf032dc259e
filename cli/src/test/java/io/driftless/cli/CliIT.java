package io.driftless.cli;

import static io.driftless.cli.OfflineCommandsTest.assertOneLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.driftless.api.testing.Kubeconfigs;
import io.driftless.api.testing.TestServer;
import io.driftless.cli.output.OutputOptions;
import io.driftless.engine.testing.TestGitRepo;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every client command against the real server in this process (random ports, H2 in a temporary
 * directory, real Git repositories), checked by output and exit code.
 */
class CliIT {
  // The shop environment is given a render command.
  @RegisterExtension
  static final TestServer SERVER =
      Cli.server(
          ConfigOverride.config("commands.enabled", "true"),
          ConfigOverride.config("commands.allowed", "kustomize"));

  static final Path DIR = SERVER.dir;

  static String url() {
    return SERVER.baseUrl();
  }

  static Path adminTokenFile() {
    return DIR.resolve("data/admin.token");
  }

  static Cli admin() {
    return Cli.admin(SERVER);
  }

  @AfterEach
  void restoreEnvironment() {
    OutputOptions.environment = System::getenv;
  }

  @Test
  void registerSyncDiffRollBackAndAudit() throws Exception {
    Cli cli = admin();
    Path target = DIR.resolve("data/targets/staging");
    try (TestGitRepo repo = TestGitRepo.create(DIR.resolve("repo"))) {
      String first =
          repo.commit(
                  Map.of(
                      "environments/staging/app.env", "GREETING=${GREETING}\n",
                      "environments/staging/index.html", "<h1>one</h1>\n"),
                  "first")
              .value();

      ok(cli.run("source", "add", "web", repo.url()), "Source web registered");
      ok(cli.run("source", "list"), "web");
      JsonNode source = json(ok(cli.run("source", "show", "web", "-o", "json"), "\"name\""));
      assertThat(source.path("url").asText()).isEqualTo(repo.url());

      ok(
          cli.run(
              "env",
              "add",
              "staging",
              "--source",
              "web",
              "--path",
              "environments/staging",
              "--target-root",
              target.toString(),
              "--var",
              "GREETING=hello",
              "--var-files",
              "*.env",
              "--no-auto",
              "--prune",
              "--interval",
              "1h"),
          "Environment staging registered (web main:environments/staging");
      ok(cli.run("env", "list"), "staging");
      ok(cli.run("env", "show", "staging"), "manual, prune, every 1h");
      ok(cli.run("env", "set", "staging", "--interval", "2h"), "every 2h");

      // A promotion rule: set from the --promote-* options, changed in part, removed.
      ok(addProd(cli, "--promote-path", "VERSION"), "Environment prod registered");
      ok(cli.run("env", "set", "prod", "--promote-path", "release/**"), "Environment prod changed");
      JsonNode rule =
          json(ok(cli.run("env", "show", "prod", "-o", "json"), "\"promotion\"")).path("promotion");
      assertThat(rule.path("from").asText()).isEqualTo("staging");
      assertThat(rule.path("via").asText()).isEqualTo("commit");
      assertThat(rule.path("paths").toString()).isEqualTo("[\"release/**\"]");
      Cli.Result unknown = cli.expect(2, "env", "set", "prod", "--promote-from", "nope");
      assertThat(unknown.err()).contains("promotion.from 'nope' is not registered");
      Cli.Result both =
          cli.expect(2, "env", "set", "prod", "--promote-via", "commit", "--no-promotion");
      assertThat(both.err()).contains("not both");
      ok(cli.run("env", "set", "prod", "--no-promotion"), "Environment prod changed");
      assertThat(
              json(ok(cli.run("env", "show", "prod", "-o", "json"), "\"name\""))
                  .path("promotion")
                  .isNull())
          .isTrue();
      ok(cli.run("env", "rm", "prod"), "Environment prod removed");
      JsonNode yaml =
          new YAMLMapper().readTree(ok(cli.run("env", "show", "staging", "-o", "yaml"), "name:"));
      assertThat(yaml.path("sync").path("interval").asText()).isEqualTo("2h");
      assertThat(yaml.path("variables").path("values").path("GREETING").asText())
          .isEqualTo("hello");

      // A pull-request check: something would change, so exit 1 with the diff.
      Cli.Result plan = cli.expect(1, "diff", "staging");
      assertThat(plan.out()).contains("+ create app.env").contains("+GREETING=hello");
      assertThat(target.resolve("index.html")).doesNotExist();

      Cli.Result sync = cli.expect(0, "sync", "staging", "--wait", "--reason", "first");
      assertThat(sync.out())
          .contains("queued for staging")
          .contains("fetch")
          .contains("succeeded at " + first.substring(0, 8))
          .contains("create  applied       index.html");
      assertThat(Files.readString(target.resolve("app.env"))).isEqualTo("GREETING=hello\n");

      // Promotion from the command line: the rule's FROM only, a promotable revision only.
      ok(addProd(cli, "--no-auto", "--promote-path", "index.html"), "Environment prod registered");
      Cli.Result wrongFrom = cli.run("promote", "prod", "staging", "--reason", "r");
      refused(wrongFrom, "staging has no promotion rule");
      Cli.Result notFrom = cli.expect(2, "promote", "web", "prod", "--reason", "r");
      assertThat(notFrom.err()).contains("prod is promoted from staging, not web");
      Cli.Result notPromotable =
          cli.expect(
              2, "promote", "staging", "prod", "--reason", "r", "--revision", "0".repeat(40));
      assertThat(notPromotable.err()).contains("revision");
      assertOneLine(notPromotable);
      JsonNode promoted =
          json(
              ok(
                  cli.run("promote", "staging", "prod", "--reason", "release one", "-o", "json"),
                  "\"outcome\""));
      assertThat(promoted.path("outcome").asText()).isEqualTo("pushed");
      assertThat(promoted.path("copied").toString()).isEqualTo("[\"index.html\"]");
      assertThat(repo.head("main").value()).isEqualTo(promoted.path("commit").asText());
      ok(cli.run("env", "rm", "prod"), "Environment prod removed");

      Cli.Result same = cli.expect(0, "diff", "staging");
      assertThat(same.out()).contains("No changes");

      JsonNode runs = json(ok(cli.run("runs", "staging", "-o", "json"), "succeeded"));
      long run1 = runs.get(0).path("id").asLong();
      ok(cli.run("runs", "staging"), "api", "admin", first.substring(0, 8));
      ok(cli.run("run", "show", Long.toString(run1), "--diff"), "+<h1>one</h1>", "fetch:");

      String second =
          repo.commit(Map.of("environments/staging/index.html", "<h1>two</h1>\n"), "second")
              .value();
      Cli.Result prCheck = cli.expect(1, "diff", "staging", "--ref", second);
      assertThat(prCheck.out()).contains("~ update index.html").contains("+<h1>two</h1>");
      assertThat(cli.run("sync", "staging", "--wait").exit()).isZero();
      assertThat(Files.readString(target.resolve("index.html"))).isEqualTo("<h1>two</h1>\n");

      Cli.Result rollback =
          cli.expect(
              0,
              "rollback",
              "staging",
              "--to-run",
              Long.toString(run1),
              "--reason",
              "bad page",
              "--wait");
      assertThat(Files.readString(target.resolve("index.html"))).isEqualTo("<h1>one</h1>\n");
      ok(cli.run("env", "show", "staging"), "pinned:", first);
      ok(cli.run("env", "list"), "(pinned)");

      ok(
          cli.run("unpin", "staging", "--reason", "fixed"),
          "Environment staging unpinned",
          "no run queued: auto-sync is off");
      ok(cli.run("suspend", "staging", "--reason", "freeze"), "(suspended)");
      ok(
          cli.run("resume", "staging", "--reason", "thaw"),
          "Environment staging resumed",
          "no run queued: auto-sync is off");

      ok(cli.run("audit", "--object", "staging"), "ACTOR", "freeze", "thaw", "bad page");
      JsonNode audit = json(ok(cli.run("audit", "--limit", "2", "-o", "json"), "actor"));
      assertThat(audit).hasSize(2);

      // A run that fails: exit 1, with the error.
      repo.commit(Map.of("environments/staging/app.env", "X=${BROKEN\n"), "broken");
      Cli.Result failed = cli.expect(1, "sync", "staging", "--wait");
      assertThat(failed.out()).contains("failed").contains("app.env:1");

      Cli.Result inUse = cli.run("source", "rm", "web");
      refused(inUse);
      ok(cli.run("env", "rm", "staging"), "Environment staging removed");
      ok(cli.run("source", "rm", "web"), "Source web removed");
    }
  }

  @Test
  void loginStoresTheServerAndTokenForOnlyTheUser() throws Exception {
    Path config = DIR.resolve("home/driftless/config");
    Cli.Result login =
        new Cli()
            .run(
                "login",
                url(),
                "--token-file",
                adminTokenFile().toString(),
                "--config",
                config.toString());
    assertThat(login.exit()).as(login.toString()).isZero();
    assertThat(login.out()).contains("Logged in to " + url());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(config)).doesNotContain("Bearer");

    ok(new Cli().run("env", "list", "--config", config.toString()), "NAME");

    // XDG_CONFIG_HOME locates the file; DRIFTLESS_SERVER overrides what it holds.
    OutputOptions.environment =
        Map.of(
                "XDG_CONFIG_HOME",
                DIR.resolve("home").toString(),
                "DRIFTLESS_SERVER",
                "http://127.0.0.1:1")
            ::get;
    Cli.Result overridden = new Cli().run("env", "list");
    assertThat(overridden.exit()).isEqualTo(2);
    assertThat(overridden.err()).contains("http://127.0.0.1:1/");

    // The token piped to standard input, as `cat data/admin.token | driftless login URL` does.
    OutputOptions.environment = Map.<String, String>of()::get;
    Path piped = DIR.resolve("piped/config");
    var stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream(Files.readAllBytes(adminTokenFile())));
      ok(new Cli().run("login", url(), "--config", piped.toString()), "Logged in");
    } finally {
      System.setIn(stdin);
    }
    ok(new Cli().run("token", "list", "--config", piped.toString()), "admin");

    Cli.Result wrong =
        new Cli()
            .run(
                "login",
                url(),
                "--token",
                "not-a-token",
                "--config",
                DIR.resolve("other").toString());
    refused(wrong, "did not accept the token (HTTP 401)");
    assertThat(DIR.resolve("other")).doesNotExist();
  }

  @Test
  void tokensAndRoles() throws Exception {
    Cli cli = admin();
    Cli.Result created = cli.expect(0, "token", "create", "ci", "--role", "viewer");
    String token = created.out().strip();
    assertThat(token.lines()).hasSize(1);
    assertThat(created.err()).contains("shown only once");
    ok(cli.run("token", "list"), "ci", "viewer");

    Cli viewer = new Cli("--server", url(), "--token", token);
    ok(viewer.run("env", "list"), "NAME");
    Cli.Result forbidden = viewer.run("sync", "anything");
    refused(forbidden, "HTTP 403", "higher role");
    // The CLI sends PATCH as POST + X-HTTP-Method-Override: the real method's role still holds.
    HttpURLConnection patch =
        (HttpURLConnection)
            URI.create(url() + "/api/v1/environments/anything").toURL().openConnection();
    patch.setRequestMethod("POST");
    patch.setRequestProperty("X-HTTP-Method-Override", "PATCH");
    patch.setRequestProperty("Authorization", "Bearer " + token);
    patch.setRequestProperty("Content-Type", "application/json");
    patch.setDoOutput(true);
    patch.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
    assertThat(patch.getResponseCode()).isEqualTo(403);

    ok(cli.run("token", "revoke", "ci"), "Token ci revoked");
    Cli.Result revoked = viewer.run("env", "list");
    refused(revoked, "HTTP 401", "driftless login");
  }

  @Test
  void credentialsAreAddedUsedByNameRotatedAndRemoved() throws Exception {
    Cli cli = admin();
    Path token = DIR.resolve("gh.token");
    Files.writeString(token, "tok-cli-0123456789\n");
    Cli.Result unscoped =
        cli.run(
            "credential", "add", "cli-bot", "--type", "token", "--token-file", token.toString());
    refused(unscoped, "origins is required");
    ok(
        cli.run(
            "credential",
            "add",
            "cli-bot",
            "--type",
            "token",
            "--token-file",
            token.toString(),
            "--origin",
            "https://git.example.com/"),
        "Credential cli-bot (token) added");
    ok(
        cli.run(
            "source",
            "add",
            "by-name",
            "https://git.example.com/by-name.git",
            "--credential",
            "cli-bot"),
        "Source by-name registered");
    ok(cli.run("source", "show", "by-name"), "credential cli-bot");
    ok(cli.run("credential", "list"), "cli-bot", "token", "https://git.example.com/", "by-name");
    Cli.Result narrowed =
        cli.run("credential", "origins", "cli-bot", "--origin", "https://git.example.com/other");
    refused(narrowed, "by-name");
    ok(
        cli.run(
            "credential",
            "origins",
            "cli-bot",
            "--origin",
            "https://git.example.com/",
            "--origin",
            "ssh://git.example.com/"),
        "may be sent to https://git.example.com/, ssh://git.example.com/");
    Cli.Result inUse = cli.run("credential", "rm", "cli-bot");
    refused(inUse, "by-name");
    Cli.Result both =
        cli.run(
            "source",
            "add",
            "both",
            "https://git.example.com/both.git",
            "--credential",
            "cli-bot",
            "--token-file",
            token.toString());
    refused(both);

    Files.writeString(token, "tok-cli-rotated-987\n");
    ok(
        cli.run(
            "credential", "rotate", "cli-bot", "--type", "token", "--token-file", token.toString()),
        "rotated");
    Cli.Result wrongType =
        cli.run("credential", "rotate", "cli-bot", "--type", "basic", "--username", "u");
    refused(wrongType);
    String shown = ok(cli.run("credential", "show", "cli-bot", "-o", "json"), "\"type\"");
    assertThat(shown).doesNotContain("tok-cli");

    ok(cli.run("source", "rm", "by-name"), "Source by-name removed");
    ok(cli.run("credential", "rm", "cli-bot"), "Credential cli-bot removed");
  }

  @Test
  void unknownThingsSayWhereToLook() {
    Cli cli = admin();
    Cli.Result env = cli.run("env", "show", "nope");
    refused(env, "nope", "driftless env list");

    Cli.Result sync = cli.run("sync", "nope", "--wait");
    refused(sync);

    Cli.Result run = cli.run("run", "show", "987654");
    refused(run, "987654");

    Cli.Result invalid =
        cli.run("env", "add", "bad", "--source", "nope", "--target-root", "relative/dir");
    refused(invalid);
  }

  @Test
  void kubernetesEnvironmentWithIgnoreRulesAndNotifications() throws Exception {
    Cli cli = admin();
    // Registering checks the kubeconfig exists; it does not contact the cluster (nothing listens).
    Path kubeconfig =
        Kubeconfigs.withToken(DIR.resolve("shop.kubeconfig"), "prod", "https://127.0.0.1:9");
    String secret = "hmac-key-0123456789abcdef";
    Path secretFile = DIR.resolve("hook.secret");
    Files.writeString(secretFile, secret + "\n");
    try (TestGitRepo repo = TestGitRepo.create(DIR.resolve("k8s-repo"))) {
      repo.commit(
          Map.of(
              "k8s/settings.yaml",
              "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"),
          "app");
      ok(cli.run("source", "add", "apps", repo.url()), "Source apps registered");
      ok(
          cli.run(
              "env",
              "add",
              "shop",
              "--source",
              "apps",
              "--path",
              "k8s",
              "--target",
              "kubernetes",
              "--kubeconfig",
              kubeconfig.toString(),
              "--context",
              "prod",
              "--namespace",
              "shop",
              "--no-force-conflicts",
              "--prune-propagation",
              "background",
              "--ignore",
              "Deployment.apps/web=/spec/replicas",
              "--ignore",
              "ConfigMap/shop/settings=/data/a,/data/b",
              "--no-auto",
              "--notify",
              "webhook=http://hooks.example.com/private-path/x,secret-file="
                  + secretFile
                  + ",events=run.failed|drift.detected"),
          "Environment shop registered (apps main:k8s -> kubernetes prod/shop)");
      String shown =
          ok(
              cli.run("env", "show", "shop"),
              "kubernetes prod/shop",
              kubeconfig.toString(),
              "manifests",
              "background",
              "Deployment.apps/web=/spec/replicas",
              "ConfigMap/shop/settings=/data/a,/data/b",
              "webhook hooks.example.com (signed) on run.failed|drift.detected");
      assertThat(shown).doesNotContain("private-path").doesNotContain(secret);
      String json = ok(cli.run("env", "show", "shop", "-o", "json"), "\"kubernetes\"");
      assertThat(json).doesNotContain("private-path").doesNotContain(secret);
      assertThat(json(json).path("target").path("forceConflicts").asBoolean(true)).isFalse();

      // set: the namespace changes, the ignore rules stay, --notify replaces the targets.
      ok(
          cli.run(
              "env",
              "set",
              "shop",
              "--namespace",
              "shop-2",
              "--notify",
              "slack=https://hooks.slack.com/services/T0/B0/private-token"),
          "Environment shop changed");
      shown =
          ok(
              cli.run("env", "show", "shop"),
              "kubernetes prod/shop-2",
              "Deployment.apps/web=/spec/replicas",
              "slack hooks.slack.com");
      assertThat(shown).doesNotContain("hooks.example.com").doesNotContain("private-token");
      ok(cli.run("env", "set", "shop", "--no-notify"), "Environment shop changed");
      assertThat(ok(cli.run("env", "show", "shop"), "shop-2")).doesNotContain("notifications:");

      // set: --ignore replaces the rules, --no-ignore removes them, --renderer changes it.
      ok(
          cli.run("env", "set", "shop", "--ignore", "Service/web=/spec/clusterIP"),
          "Environment shop changed");
      assertThat(ok(cli.run("env", "show", "shop"), "Service/web=/spec/clusterIP"))
          .doesNotContain("Deployment.apps/web=/spec/replicas");
      ok(
          cli.run("env", "set", "shop", "--render-command", "kustomize build ."),
          "Environment shop changed");
      ok(cli.run("env", "show", "shop"), "command", "kustomize build .");
      ok(
          cli.run("env", "set", "shop", "--no-ignore", "--renderer", "manifests"),
          "Environment shop changed");
      assertThat(ok(cli.run("env", "show", "shop"), "manifests"))
          .doesNotContain("Service/web=/spec/clusterIP")
          .doesNotContain("kustomize");

      // Malformed flags: exit 2 with one line saying what to fix, and nothing is sent.
      Map<String, String[]> malformed =
          Map.of(
              "--notify takes TYPE=URL",
              new String[] {"env", "set", "shop", "--notify", "webhook"},
              "--notify: unknown key 'secret'",
              new String[] {
                "env", "set", "shop", "--notify", "webhook=https://a.example,secret=plain"
              },
              "unclosed ' quote",
              new String[] {
                "env",
                "add",
                "bad",
                "--source",
                "apps",
                "--target",
                "kubernetes",
                "--render-command",
                "kustomize 'build ."
              },
              "a JSON pointer starts with '/'",
              new String[] {
                "env",
                "add",
                "bad",
                "--source",
                "apps",
                "--namespace",
                "x",
                "--ignore",
                "Deployment.apps=spec/replicas"
              },
              "apply to a directory target",
              new String[] {"env", "set", "shop", "--target-root", "/srv/www"},
              "give --ignore or --no-ignore, not both",
              new String[] {
                "env", "set", "shop", "--no-ignore", "--ignore", "Deployment.apps=/spec/replicas"
              });
      for (var c : malformed.entrySet()) {
        Cli.Result r = cli.expect(2, c.getValue());
        assertThat(r.err()).as(r.toString()).contains(c.getKey());
        assertOneLine(r);
      }
      // What only the server knows is the server's to say.
      Cli.Result propagation =
          cli.expect(2, "env", "set", "shop", "--prune-propagation", "sideways");
      assertThat(propagation.err()).contains("prunePropagation");
      Cli.Result noCommand = cli.expect(2, "env", "set", "shop", "--renderer", "command");
      assertThat(noCommand.err()).contains("renderCommand is required");
      assertOneLine(propagation);
      ok(cli.run("env", "show", "shop"), "kubernetes prod/shop-2", "background");
      ok(cli.run("env", "list"), "shop");
      assertThat(cli.run("env", "show", "bad").exit()).isEqualTo(2);

      ok(cli.run("env", "rm", "shop"), "Environment shop removed");
      ok(cli.run("source", "rm", "apps"), "Source apps removed");
    }
  }

  /** Registers prod on web, promoted from staging by commit, with {@code options} besides. */
  private static Cli.Result addProd(Cli cli, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "env",
                "add",
                "prod",
                "--source",
                "web",
                "--path",
                "environments/prod",
                "--target-root",
                DIR.resolve("data/targets/prod").toString(),
                "--promote-from",
                "staging",
                "--promote-via",
                "commit"));
    args.addAll(List.of(options));
    return cli.run(args.toArray(String[]::new));
  }

  /** A refusal: exit 2, one line on stderr (no stack trace) that says each of {@code expected}. */
  private static void refused(Cli.Result r, String... expected) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    for (String e : expected) {
      assertThat(r.err()).as(r.toString()).contains(e);
    }
    assertOneLine(r);
  }

  private static String ok(Cli.Result r, String... expected) {
    assertThat(r.exit()).as(r.toString()).isZero();
    for (String e : expected) {
      assertThat(r.out()).as(r.toString()).contains(e);
    }
    return r.out();
  }

  private static JsonNode json(String text) throws IOException {
    return new ObjectMapper().readTree(text);
  }
}
