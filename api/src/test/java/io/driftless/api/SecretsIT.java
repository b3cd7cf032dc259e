package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No response, log line or error message carries a credential, a webhook secret or an API token:
 * every response of the session and both log files are searched for each of them.
 */
class SecretsIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();

  @Test
  void secretsNeverLeaveTheServer() throws Exception {
    Api admin = SERVER.admin();
    List<String> secrets = new ArrayList<>();
    secrets.add(SERVER.adminToken());
    String readToken = "ghp_READSECRET0001";
    String writePassword = "WRITEPASSWORD0002";
    String webhook = "WEBHOOKSECRET0003";
    String webhook2 = "WEBHOOKSECRET0004";
    String sshKey = "-----BEGIN OPENSSH PRIVATE KEY-----SSHKEY0005";
    List.of(readToken, writePassword, webhook, webhook2, sshKey).forEach(secrets::add);

    TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("repo"));
    repo.commit(Map.of("env/a.txt", "a\n"), "first");
    repo.close();

    // A source with every kind of credential, changed, read back and listed.
    Api.Reply created =
        admin.post(
            "/api/v1/sources",
            Map.of(
                "name",
                "private",
                "url",
                "https://127.0.0.1:9/repo.git",
                "auth",
                Map.of("type", "token", "token", readToken),
                "writeAuth",
                Map.of("type", "basic", "username", "bot", "password", writePassword),
                "webhookSecret",
                webhook));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().path("hasWebhookSecret").asBoolean()).isTrue();
    assertThat(created.text("authType")).isEqualTo("token");
    Api.Reply patched =
        admin.patch(
            "/api/v1/sources/private",
            Map.of(
                "webhookSecret",
                webhook2,
                "auth",
                Map.of("type", "ssh", "privateKey", sshKey, "knownHosts", "h ssh-ed25519 AAAA")));
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    admin.get("/api/v1/sources");
    admin.get("/api/v1/sources/private");

    // Bodies that are wrong where the credential sits: the errors must not quote them.
    secrets.add("QUOTED0006");
    secrets.add("QUOTED0007");
    secrets.add("URLPASSWORD0008");
    admin.post(
        "/api/v1/sources",
        "{\"name\":\"x\",\"url\":\"u\",\"auth\":{\"type\":\"token\",\"token\":[\"QUOTED0006\"]}}");
    admin.post("/api/v1/sources", "{\"name\":\"x\",\"url\":\"u\",\"auth\":\"QUOTED0007\"}");
    Api.Reply urlPassword =
        admin.post(
            "/api/v1/sources",
            Map.of("name", "x", "url", "https://bot:URLPASSWORD0008@example.com/r.git"));
    assertThat(urlPassword.status()).isEqualTo(422);

    // A run against the unreachable private source fails; its error is shown and logged.
    Api.Reply env =
        admin.createEnvironment(
            EnvironmentBody.directory(
                "private-env", "private", null, SERVER.targets().resolve("p")));
    Api.Reply run = admin.sync("private-env", Map.of());
    assertThat(run.text("status")).isEqualTo("failed");
    admin.get("/api/v1/environments/private-env/diff");

    // Tokens: issued (shown once, in that response only), used, listed, revoked.
    Api.Reply issued = admin.post("/api/v1/tokens", Map.of("name", "reader", "role", "viewer"));
    String viewerToken = issued.text("token");
    assertThat(viewerToken).startsWith("dlt_");
    secrets.add(viewerToken);
    admin.as(viewerToken).get("/api/v1/environments");
    admin.as(viewerToken).post("/api/v1/tokens", Map.of("name", "y", "role", "admin"));
    admin.get("/api/v1/tokens");
    admin.get("/api/v1/audit?limit=1000");
    admin.delete("/api/v1/tokens/reader");
    admin.as(viewerToken).get("/api/v1/environments");

    List<String> responses = new ArrayList<>(admin.seen());
    responses.removeIf(r -> r.contains("\"token\":\"" + viewerToken + "\""));
    assertThat(responses).hasSizeGreaterThan(15);
    String server = Files.readString(SERVER.serverLog());
    String requests = Files.readString(SERVER.requestLog());
    assertThat(server).contains("admin.token");
    for (String secret : secrets) {
      assertThat(responses).as("responses").noneMatch(r -> r.contains(secret));
      assertThat(server).as("server log").doesNotContain(secret);
      assertThat(requests).as("request log").doesNotContain(secret);
    }
  }
}
