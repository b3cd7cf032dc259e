package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.auth.TokenAuthFeature;
import io.driftless.api.resources.OpenApiResourceTest;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.port.query.TokenRole;
import io.driftless.engine.testing.TestGitRepo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract every client relies on: each role against each endpoint, the 4xx answers of every
 * endpoint, and the OpenAPI document naming every route the server registers.
 */
class ApiContractIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();

  static Api admin;
  static Map<String, String> tokens;
  static long failedRun;
  static long okRun;

  @BeforeAll
  static void setUp() {
    admin = SERVER.admin();
    TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("repo"));
    repo.commit(Map.of("env/a.txt", "a\n"), "first");
    repo.close();
    created(admin.post("/api/v1/sources", Map.of("name", "s1", "url", repo.url())));
    created(admin.post("/api/v1/environments", environment("e1", "main")));
    created(admin.post("/api/v1/environments", environment("e2", "no-such-branch")));
    failedRun = run(admin.post("/api/v1/environments/e2/sync", Map.of()), "failed");
    okRun = run(admin.post("/api/v1/environments/e1/sync", Map.of()), "succeeded");
    tokens =
        Map.of(
            "viewer", issue("viewer"),
            "operator", issue("operator"),
            "admin", SERVER.adminToken());
  }

  static Map<String, Object> environment(String name, String ref) {
    return Map.of(
        "name",
        name,
        "source",
        "s1",
        "ref",
        ref,
        "path",
        "env",
        "target",
        Map.of("type", "directory", "root", SERVER.targets().resolve(name).toString()),
        "sync",
        Map.of("auto", false, "interval", "1h"));
  }

  /**
   * Environment {@code x} of source {@code s1} at {@code main} into a directory under the allowed
   * roots, valid as it is; {@code entries} (key, value, ...) add fields or replace these.
   */
  static Map<String, Object> newEnvironment(Object... entries) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("name", "x");
    body.put("source", "s1");
    body.put("ref", "main");
    body.put("target", Map.of("type", "directory", "root", SERVER.targets() + "/x"));
    for (int i = 0; i < entries.length; i += 2) {
      body.put((String) entries[i], entries[i + 1]);
    }
    return body;
  }

  static void created(Api.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
  }

  static long run(Api.Reply queued, String status) {
    assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
    Api.Reply run = TestServer.awaitRun(admin, queued.location());
    assertThat(run.text("status")).as(run.toString()).isEqualTo(status);
    return run.json().path("id").asLong();
  }

  static String issue(String role) {
    Api.Reply reply = admin.post("/api/v1/tokens", Map.of("name", "t-" + role, "role", role));
    created(reply);
    return reply.text("token");
  }

  /** One endpoint, called so that an allowed caller passes auth whatever else it does. */
  record Call(String method, String path, Object body, String role) {}

  static List<Call> calls() {
    String run = "/api/v1/runs/" + okRun;
    return List.of(
        new Call("GET", "/api/v1/openapi.json", null, "public"),
        new Call("POST", "/api/v1/sources", Map.of(), "admin"),
        new Call("GET", "/api/v1/sources", null, "viewer"),
        new Call("GET", "/api/v1/sources/s1", null, "viewer"),
        new Call("PATCH", "/api/v1/sources/nope", Map.of(), "admin"),
        new Call("DELETE", "/api/v1/sources/nope", null, "admin"),
        new Call("GET", "/api/v1/sources/s1/host", null, "viewer"),
        new Call("PUT", "/api/v1/sources/nope/host", Map.of(), "admin"),
        new Call("DELETE", "/api/v1/sources/nope/host", null, "admin"),
        new Call("GET", "/api/v1/previews?source=s1", null, "viewer"),
        new Call(
            "POST",
            "/api/v1/previews/s1/1/approve",
            Map.of("head", "a".repeat(40), "reason", "r"),
            "operator"),
        new Call("POST", "/api/v1/environments", Map.of(), "admin"),
        new Call("GET", "/api/v1/environments", null, "viewer"),
        new Call("GET", "/api/v1/environments/e1", null, "viewer"),
        new Call("PATCH", "/api/v1/environments/nope", Map.of(), "admin"),
        new Call("DELETE", "/api/v1/environments/nope", null, "admin"),
        new Call("POST", "/api/v1/environments/nope/sync", Map.of(), "operator"),
        new Call("GET", "/api/v1/environments/e1/diff", null, "viewer"),
        new Call("GET", "/api/v1/environments/e1/diff?ref=no-such-branch", null, "operator"),
        new Call("POST", "/api/v1/environments/e1/rollback", Map.of(), "operator"),
        new Call("POST", "/api/v1/environments/e1/unpin", Map.of("reason", "r"), "operator"),
        new Call("POST", "/api/v1/environments/e1/promote", Map.of("reason", "r"), "operator"),
        new Call("POST", "/api/v1/environments/nope/suspend", Map.of("reason", "r"), "operator"),
        new Call("POST", "/api/v1/environments/nope/resume", Map.of("reason", "r"), "operator"),
        new Call("GET", "/api/v1/environments/e1/runs", null, "viewer"),
        new Call("GET", run, null, "viewer"),
        new Call("GET", run + "/changes", null, "viewer"),
        new Call("GET", run + "/compare/" + okRun, null, "viewer"),
        new Call("GET", "/api/v1/audit", null, "viewer"),
        new Call("GET", "/api/v1/promotions", null, "viewer"),
        new Call("GET", "/api/v1/promotions/1", null, "viewer"),
        new Call("POST", "/api/v1/tokens", Map.of(), "admin"),
        new Call("GET", "/api/v1/tokens", null, "admin"),
        new Call("DELETE", "/api/v1/tokens/nope", null, "admin"),
        new Call("POST", "/api/v1/credentials", Map.of(), "admin"),
        new Call("GET", "/api/v1/credentials", null, "admin"),
        new Call("GET", "/api/v1/credentials/nope", null, "admin"),
        new Call("PUT", "/api/v1/credentials/nope", Map.of(), "admin"),
        new Call("DELETE", "/api/v1/credentials/nope", null, "admin"),
        new Call("POST", "/api/v1/apply", Map.of(), "admin"),
        new Call("GET", "/api/v1/export", null, "viewer"),
        new Call("GET", "/api/v1/schema", null, "viewer"));
  }

  @Test
  void everyRoleAgainstEveryEndpoint() {
    List<String> failures = new ArrayList<>();
    for (Call call : calls()) {
      // No token, an unknown token, the admin token in the URL or under another scheme: 401.
      List<Api.Reply> anonymous =
          List.of(
              admin.as(null).send(call.method(), call.path(), call.body()),
              admin.as("dlt_not-a-token").send(call.method(), call.path(), call.body()),
              admin
                  .as(null)
                  .send(
                      call.method(),
                      call.path() + "?access_token=" + tokens.get("admin"),
                      call.body()));
      for (Api.Reply reply : anonymous) {
        int expected = call.role().equals("public") ? 200 : 401;
        if (reply.status() != expected) {
          failures.add(call + " anonymous: " + reply);
        } else if (expected == 401) {
          checkError(reply, 401, null);
        }
      }
      for (String role : List.of("viewer", "operator", "admin")) {
        Api.Reply reply = admin.as(tokens.get(role)).send(call.method(), call.path(), call.body());
        boolean allowed =
            call.role().equals("public")
                || TokenRole.valueOf(role.toUpperCase(Locale.ROOT))
                    .allows(TokenRole.valueOf(call.role().toUpperCase(Locale.ROOT)));
        if (allowed && (reply.status() == 401 || reply.status() == 403)) {
          failures.add(call + " as " + role + " refused: " + reply);
        }
        if (!allowed && reply.status() != 403) {
          failures.add(call + " as " + role + " not refused: " + reply);
        }
        if (!allowed && reply.status() == 403) {
          checkError(reply, 403, null);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  /** A 4xx answer: status, then the field it names (null when none). */
  record Refusal(String method, String path, Object body, int status, String field) {}

  @Test
  void everyEndpointRefusesBadInput() {
    String zeros = "0".repeat(40);
    String outside = SERVER.dir.resolve("elsewhere").toString();
    List<Refusal> table =
        List.of(
            // sources
            new Refusal("POST", "/api/v1/sources", "not json", 400, null),
            new Refusal("POST", "/api/v1/sources", null, 400, null),
            new Refusal("POST", "/api/v1/sources", Map.of(), 422, "name"),
            new Refusal(
                "POST", "/api/v1/sources", Map.of("name", "Bad Name", "url", "u"), 422, "name"),
            new Refusal(
                "POST",
                "/api/v1/sources",
                Map.of("name", "x", "url", "https://u:p@h/r"),
                422,
                "url"),
            new Refusal(
                "POST",
                "/api/v1/sources",
                Map.of("name", "x", "url", "u", "auth", Map.of("type", "token")),
                422,
                "auth.token"),
            new Refusal(
                "POST",
                "/api/v1/sources",
                Map.of("name", "x", "url", "u", "auth", Map.of("type", "kerberos")),
                422,
                "auth.type"),
            new Refusal(
                "POST",
                "/api/v1/sources",
                Map.of("name", "x", "url", "u", "verify", Map.of("mode", "head")),
                422,
                "verify.trustedKeys"),
            new Refusal(
                "POST",
                "/api/v1/sources",
                Map.of("name", "x", "url", "u", "bogus", 1),
                400,
                "bogus"),
            new Refusal(
                "POST",
                "/api/v1/sources",
                Map.of("name", "s1", "url", "https://git.example.com/s1.git"),
                409,
                "name"),
            new Refusal("GET", "/api/v1/sources?limit=abc", null, 422, "limit"),
            new Refusal("GET", "/api/v1/sources/nope", null, 404, null),
            new Refusal("GET", "/api/v1/sources/Not_A_Name", null, 404, null),
            new Refusal("PATCH", "/api/v1/sources/nope", Map.of(), 404, null),
            new Refusal("PATCH", "/api/v1/sources/s1", Map.of("url", ""), 422, "url"),
            new Refusal("PATCH", "/api/v1/sources/s1", null, 400, null),
            new Refusal("DELETE", "/api/v1/sources/nope", null, 404, null),
            new Refusal("DELETE", "/api/v1/sources/s1", null, 409, null),
            // environments
            new Refusal("POST", "/api/v1/environments", Map.of(), 422, "name"),
            new Refusal(
                "POST",
                "/api/v1/environments",
                Map.of("name", "x", "source", "s1", "ref", "main"),
                422,
                "target"),
            new Refusal(
                "POST", "/api/v1/environments", newEnvironment("source", "nope"), 422, "source"),
            new Refusal(
                "POST",
                "/api/v1/environments",
                newEnvironment("target", Map.of("type", "directory", "root", outside)),
                422,
                "target.root"),
            new Refusal(
                "POST",
                "/api/v1/environments",
                newEnvironment("target", Map.of("type", "directory", "root", "relative/dir")),
                422,
                "target.root"),
            new Refusal(
                "POST",
                "/api/v1/environments",
                newEnvironment("target", Map.of("type", "ftp")),
                422,
                "target.type"),
            new Refusal(
                "POST",
                "/api/v1/environments",
                newEnvironment("target", Map.of("type", "kubernetes")),
                422,
                "target.kubeconfig"),
            new Refusal(
                "POST",
                "/api/v1/environments",
                newEnvironment(
                    "ignore",
                    List.of(
                        Map.of("kind", "Deployment", "jsonPointers", List.of("/spec/replicas")))),
                422,
                "ignore"),
            new Refusal(
                "POST",
                "/api/v1/environments",
                newEnvironment("renderer", "command"),
                422,
                "renderCommand"),
            new Refusal(
                "POST", "/api/v1/environments", newEnvironment("path", "../up"), 422, "path"),
            new Refusal(
                "POST",
                "/api/v1/environments",
                newEnvironment("renderer", "helm"),
                422,
                "renderer"),
            new Refusal(
                "POST",
                "/api/v1/environments",
                newEnvironment("sync", Map.of("cron", "every day")),
                422,
                "sync.cron"),
            new Refusal(
                "POST",
                "/api/v1/environments",
                newEnvironment("sync", Map.of("interval", "soon")),
                422,
                "sync.interval"),
            new Refusal(
                "POST",
                "/api/v1/environments",
                newEnvironment("sync", Map.of("interval", "5m", "cron", "0 0 * * * ?")),
                422,
                "sync.cron"),
            new Refusal(
                "POST",
                "/api/v1/environments",
                newEnvironment(
                    "sync",
                    Map.of(
                        "windows",
                        List.of(Map.of("kind", "maybe", "cron", "0 0 * * * ?", "duration", "1h")))),
                422,
                "sync.windows[0].kind"),
            new Refusal(
                "POST",
                "/api/v1/environments",
                newEnvironment("variables", Map.of("values", Map.of("1BAD", "v"))),
                422,
                "variables"),
            new Refusal(
                "POST",
                "/api/v1/environments",
                newEnvironment("sync", Map.of("auto", "sometimes")),
                400,
                "sync.auto"),
            new Refusal("POST", "/api/v1/environments", environment("e1", "main"), 409, "name"),
            new Refusal("GET", "/api/v1/environments?status=bogus", null, 422, "status"),
            new Refusal("GET", "/api/v1/environments?limit=0", null, 422, "limit"),
            new Refusal("GET", "/api/v1/environments/nope", null, 404, null),
            new Refusal("PATCH", "/api/v1/environments/nope", Map.of(), 404, null),
            new Refusal(
                "PATCH", "/api/v1/environments/e1", Map.of("source", "nope"), 422, "source"),
            new Refusal("PATCH", "/api/v1/environments/e1", Map.of("ref", " "), 422, "ref"),
            new Refusal("DELETE", "/api/v1/environments/nope", null, 404, null),
            // actions
            new Refusal("POST", "/api/v1/environments/nope/sync", Map.of(), 404, null),
            new Refusal("POST", "/api/v1/environments/e1/sync", "[1]", 400, null),
            new Refusal(
                "POST", "/api/v1/environments/e1/sync", Map.of("dryRun", "maybe"), 400, "dryRun"),
            new Refusal("GET", "/api/v1/environments/nope/diff", null, 404, null),
            new Refusal("GET", "/api/v1/environments/e1/diff?ref=no-such-branch", null, 422, null),
            new Refusal(
                "POST",
                "/api/v1/environments/nope/rollback",
                Map.of("toRun", okRun, "reason", "r"),
                404,
                null),
            new Refusal("POST", "/api/v1/environments/e1/rollback", null, 400, null),
            new Refusal(
                "POST", "/api/v1/environments/nope/promote", Map.of("reason", "r"), 404, null),
            new Refusal("POST", "/api/v1/environments/e1/promote", Map.of(), 422, "reason"),
            new Refusal(
                "POST", "/api/v1/environments/e1/promote", Map.of("reason", "r"), 422, "promotion"),
            new Refusal(
                "POST", "/api/v1/environments/e1/rollback", Map.of("reason", "r"), 422, "toRun"),
            new Refusal(
                "POST", "/api/v1/environments/e1/rollback", Map.of("toRun", okRun), 422, "reason"),
            new Refusal(
                "POST",
                "/api/v1/environments/e1/rollback",
                Map.of("toRun", okRun, "toRevision", zeros, "reason", "r"),
                422,
                "toRun"),
            new Refusal(
                "POST",
                "/api/v1/environments/e1/rollback",
                Map.of("toRun", 999999, "reason", "r"),
                422,
                "toRun"),
            new Refusal(
                "POST",
                "/api/v1/environments/e1/rollback",
                Map.of("toRun", failedRun, "reason", "r"),
                422,
                "toRun"),
            new Refusal(
                "POST",
                "/api/v1/environments/e2/rollback",
                Map.of("toRun", failedRun, "reason", "r"),
                422,
                "toRun"),
            new Refusal(
                "POST",
                "/api/v1/environments/e1/rollback",
                Map.of("toRevision", "abc", "reason", "r"),
                422,
                "toRevision"),
            new Refusal(
                "POST",
                "/api/v1/environments/e1/rollback",
                Map.of("toRevision", zeros, "reason", "r"),
                422,
                "toRevision"),
            new Refusal("POST", "/api/v1/environments/e1/unpin", Map.of(), 422, "reason"),
            new Refusal("POST", "/api/v1/environments/e1/unpin", Map.of("reason", "r"), 409, null),
            new Refusal(
                "POST", "/api/v1/environments/nope/unpin", Map.of("reason", "r"), 404, null),
            new Refusal("POST", "/api/v1/environments/e1/suspend", null, 400, null),
            new Refusal(
                "POST", "/api/v1/environments/e1/suspend", Map.of("reason", " "), 422, "reason"),
            new Refusal(
                "POST", "/api/v1/environments/nope/suspend", Map.of("reason", "r"), 404, null),
            new Refusal("POST", "/api/v1/environments/e1/resume", Map.of("reason", "r"), 409, null),
            new Refusal(
                "POST", "/api/v1/environments/nope/resume", Map.of("reason", "r"), 404, null),
            // runs
            new Refusal("GET", "/api/v1/environments/nope/runs", null, 404, null),
            new Refusal("GET", "/api/v1/environments/e1/runs?cursor=abc", null, 422, null),
            new Refusal("GET", "/api/v1/environments/e1/runs?status=bogus", null, 422, "status"),
            new Refusal("GET", "/api/v1/runs/abc", null, 404, null),
            new Refusal("GET", "/api/v1/runs/999999", null, 404, null),
            new Refusal("GET", "/api/v1/runs/999999/changes", null, 404, null),
            new Refusal("GET", "/api/v1/runs/" + okRun + "/changes?limit=x", null, 422, "limit"),
            new Refusal("GET", "/api/v1/runs/" + okRun + "/compare/999999", null, 404, null),
            new Refusal("GET", "/api/v1/runs/" + failedRun + "/compare/" + okRun, null, 422, "a"),
            // audit
            new Refusal("GET", "/api/v1/audit?since=yesterday", null, 422, "since"),
            new Refusal("GET", "/api/v1/audit?limit=-1", null, 422, "limit"),
            // tokens
            new Refusal("POST", "/api/v1/tokens", Map.of(), 422, "name"),
            new Refusal("POST", "/api/v1/tokens", Map.of("name", "x", "role", "root"), 422, "role"),
            new Refusal(
                "POST",
                "/api/v1/tokens",
                Map.of("name", "bad name!", "role", "viewer"),
                422,
                "name"),
            new Refusal(
                "POST",
                "/api/v1/tokens",
                Map.of("name", "t-viewer", "role", "viewer"),
                409,
                "name"),
            new Refusal("DELETE", "/api/v1/tokens/nope", null, 404, null),
            new Refusal("DELETE", "/api/v1/tokens/admin", null, 409, null),
            // credentials
            new Refusal("POST", "/api/v1/credentials", Map.of(), 422, "name"),
            credential(Map.of("name", "Bad Name", "type", "token", "token", "t"), 422, "name"),
            credential(Map.of("name", "c", "type", "magic"), 422, "type"),
            credential(Map.of("name", "c", "type", "token"), 422, "token"),
            credential(Map.of("name", "c", "type", "basic", "password", "p"), 422, "username"),
            credential(
                Map.of("name", "c", "type", "token", "token", "t", "password", "p"),
                422,
                "password"),
            credential(Map.of("name", "c", "type", "token", "token", "t"), 422, "origins"),
            credential(
                Map.of("name", "c", "type", "token", "token", "t", "origins", List.of("ftp://x/")),
                422,
                "origins"),
            new Refusal(
                "PUT", "/api/v1/credentials/nope/origins", Map.of("origins", List.of()), 404, null),
            credential(
                Map.of("name", "c", "type", "ssh-key", "privateKey", "junk"), 422, "privateKey"),
            credential(
                Map.of("name", "c", "type", "pgp-key", "privateKey", "junk"), 422, "privateKey"),
            credential(
                Map.of("name", "c", "type", "age-identity", "identity", "junk"), 422, "identity"),
            new Refusal("GET", "/api/v1/credentials/nope", null, 404, null),
            new Refusal("DELETE", "/api/v1/credentials/nope", null, 404, null),
            new Refusal(
                "PUT",
                "/api/v1/credentials/nope",
                Map.of("type", "token", "token", "t"),
                404,
                null),
            namedAuth(Map.of("type", "credential")),
            namedAuth(Map.of("type", "credential", "credential", "nope")),
            // no such route or method
            new Refusal("GET", "/api/v1/nothing", null, 404, null),
            new Refusal("PUT", "/api/v1/sources", Map.of(), 405, null));
    List<String> failures = new ArrayList<>();
    for (Refusal r : table) {
      Api.Reply reply = admin.send(r.method(), r.path(), r.body());
      try {
        checkError(reply, r.status(), r.field());
      } catch (AssertionError e) {
        failures.add(r.method() + " " + r.path() + " " + r.body() + ": " + e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void listsArePaginatedAndFiltered() {
    created(admin.post("/api/v1/sources", Map.of("name", "s2", "url", "file:///nowhere")));
    for (String name : List.of("page-a", "page-b", "page-c")) {
      created(admin.post("/api/v1/environments", environment(name, "main")));
    }
    Map<String, Object> other = new java.util.HashMap<>(environment("page-d", "main"));
    other.put("source", "s2");
    created(admin.post("/api/v1/environments", other));

    List<String> names = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Api.Reply page =
          admin.get(
              "/api/v1/environments?prefix=page-&limit=3"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      page.json().path("items").forEach(e -> names.add(e.path("name").asText()));
      cursor = page.text("nextCursor");
      pages++;
    } while (cursor != null);
    assertThat(names).containsExactly("page-a", "page-b", "page-c", "page-d");
    assertThat(pages).isEqualTo(2);

    Api.Reply bySource = admin.get("/api/v1/environments?source=s2");
    assertThat(bySource.json().path("items").findValuesAsText("name")).containsExactly("page-d");
    Api.Reply byStatus = admin.get("/api/v1/environments?status=unknown&prefix=page-");
    assertThat(byStatus.json().path("items")).hasSize(4);
    Api.Reply failed = admin.get("/api/v1/environments?status=failed");
    assertThat(failed.json().path("items").findValuesAsText("name")).containsExactly("e2");

    Api.Reply audit =
        admin.get("/api/v1/audit?action=environment.register&objectType=environment&limit=2");
    assertThat(audit.json().path("items")).hasSize(2);
    assertThat(audit.json().path("items").get(0).path("objectName").asText()).isEqualTo("page-d");
    Api.Reply older =
        admin.get(
            "/api/v1/audit?action=environment.register&limit=2&cursor=" + audit.text("nextCursor"));
    assertThat(older.json().path("items").findValuesAsText("objectName"))
        .containsExactly("page-b", "page-a");
    Api.Reply byActor = admin.get("/api/v1/audit?actor=nobody");
    assertThat(byActor.json().path("items")).isEmpty();

    Api.Reply history = admin.get("/api/v1/environments/e1/runs?status=succeeded");
    assertThat(history.json().path("items").findValuesAsText("status")).containsOnly("succeeded");
  }

  /** Byte for byte {@code golden/openapi.json}; record an intended change as its class says. */
  @Test
  void servedOpenApiDocumentIsTheGoldenOne() {
    Api.Reply doc = admin.as(null).get("/api/v1/openapi.json");
    assertThat(doc.status()).as(doc.toString()).isEqualTo(200);
    OpenApiResourceTest.GOLDEN.assertMatches(doc.body());
  }

  @Test
  void openApiDocumentNamesEveryRouteWithItsRole() throws Exception {
    Api.Reply doc = admin.as(null).get("/api/v1/openapi.json");
    assertThat(doc.status()).isEqualTo(200);
    JsonNode paths = new ObjectMapper().readTree(doc.body()).path("paths");
    TreeSet<String> served = new TreeSet<>();
    for (Object resource :
        DriftlessApplication.resources(
            ((DriftlessApplication) SERVER.app.getApplication()).context())) {
      Resource model = Resource.from(resource.getClass());
      collect(model, "", served, paths, resource.getClass());
    }
    TreeSet<String> documented = new TreeSet<>();
    paths
        .fieldNames()
        .forEachRemaining(
            path ->
                paths
                    .path(path)
                    .fieldNames()
                    .forEachRemaining(
                        m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path)));
    assertThat(documented).isEqualTo(served);
  }

  private static void collect(
      Resource resource, String prefix, TreeSet<String> served, JsonNode paths, Class<?> type) {
    String path = join(prefix, resource.getPath());
    for (ResourceMethod method : resource.getResourceMethods()) {
      served.add(method.getHttpMethod() + " " + path);
      JsonNode op = paths.path(path).path(method.getHttpMethod().toLowerCase(Locale.ROOT));
      TokenRole role =
          TokenAuthFeature.requiredRole(method.getInvocable().getHandlingMethod(), type);
      String expected =
          method
                  .getInvocable()
                  .getHandlingMethod()
                  .isAnnotationPresent(jakarta.annotation.security.PermitAll.class)
              ? "public"
              : role.name().toLowerCase(Locale.ROOT);
      assertThat(op.path("x-driftless-role").asText())
          .as(method.getHttpMethod() + " " + path)
          .isEqualTo(expected);
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, path, served, paths, type);
    }
  }

  private static String join(String prefix, String path) {
    String p = path == null ? "" : path;
    if (!p.isEmpty() && !p.startsWith("/")) {
      p = "/" + p;
    }
    String joined = prefix + p;
    return joined.endsWith("/") && joined.length() > 1
        ? joined.substring(0, joined.length() - 1)
        : joined;
  }

  /** A source whose auth names a credential wrongly: a 422 on auth.credential. */
  private static Refusal namedAuth(Map<String, Object> auth) {
    return new Refusal(
        "POST",
        "/api/v1/sources",
        Map.of("name", "x", "url", "https://git.example.com/x.git", "auth", auth),
        422,
        "auth.credential");
  }

  private static Refusal credential(Map<String, Object> body, int status, String field) {
    return new Refusal("POST", "/api/v1/credentials", body, status, field);
  }

  static void checkError(Api.Reply reply, int status, String field) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.json().path("code").asInt()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.text("message")).as(reply.toString()).isNotBlank();
    assertThat(reply.json().path("details").isObject()).as(reply.toString()).isTrue();
    if (field != null) {
      assertThat(reply.json().path("details").path("field").asText())
          .as(reply.toString())
          .isEqualTo(field);
    }
  }
}
