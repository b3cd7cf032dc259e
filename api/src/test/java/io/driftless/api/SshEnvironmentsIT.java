package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Registering ssh targets over REST: the spec round-trips, and what the server does not allow is a
 * 422 naming the field (an unknown credential or one of another type, missing pinned host keys, a
 * host outside targets.ssh.allowedHosts, a root outside targets.ssh.allowedRoots).
 */
class SshEnvironmentsIT {
  @RegisterExtension
  static final TestServer SERVER = new TestServer("ssh-targets-config.yml", null);

  static String knownHosts;

  @BeforeAll
  static void registerCredentialsAndSource() throws Exception {
    Api admin = SERVER.admin();
    Path key = SERVER.dir.resolve("deploy-key");
    Processes.run(
        new ProcessBuilder(
            "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key.toString()));
    assertThat(
            admin
                .post(
                    "/api/v1/credentials",
                    Map.of("name", "fleet", "type", "ssh-key", "privateKey", Files.readString(key)))
                .status())
        .isEqualTo(201);
    assertThat(
            admin
                .post(
                    "/api/v1/credentials",
                    Map.of(
                        "name",
                        "a-token",
                        "type",
                        "token",
                        "token",
                        "t0k3n-value",
                        "origins",
                        List.of("https://git.example.com/")))
                .status())
        .isEqualTo(201);
    String[] hostKey = Files.readString(Path.of(key + ".pub")).split(" ");
    knownHosts = "*.fleet.example " + hostKey[0] + " " + hostKey[1];
    admin.createSource("site", SERVER.owned(SERVER.repo("site")).url());
  }

  private static Map<String, Object> ssh(Map<String, Object> changes) {
    Map<String, Object> target = new HashMap<>();
    target.put("type", "ssh");
    target.put("hosts", List.of("web1.fleet.example", "web2.fleet.example:2200"));
    target.put("user", "deploy");
    target.put("credential", "fleet");
    target.put("knownHosts", knownHosts);
    target.put("root", "/srv/fleet/web");
    target.put(
        "strategy",
        Map.of("batches", List.of(1, "25%", "100%"), "maxParallel", 4, "stopOnFailure", true));
    target.putAll(changes);
    target.values().removeIf(v -> v.equals("-"));
    return target;
  }

  private static Api.Reply register(String name, Map<String, Object> target) {
    return SERVER
        .admin()
        .post(
            "/api/v1/environments",
            Map.of("name", name, "source", "site", "ref", "main", "path", "web", "target", target));
  }

  @Test
  void anSshTargetIsRegisteredAndReadBackWhole() {
    Api.Reply created = register("edge", ssh(Map.of()));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Api.Reply read = SERVER.admin().get("/api/v1/environments/edge");
    assertThat(read.json().path("target").path("type").asText()).isEqualTo("ssh");
    assertThat(read.json().path("target").path("hosts").toString())
        .isEqualTo("[\"web1.fleet.example\",\"web2.fleet.example:2200\"]");
    assertThat(read.json().path("target").path("credential").asText()).isEqualTo("fleet");
    assertThat(read.json().path("target").path("strategy").toString())
        .isEqualTo(
            "{\"batches\":[\"1\",\"25%\",\"100%\"],\"maxParallel\":4,\"stopOnFailure\":true}");
  }

  @Test
  void whatTheServerDoesNotAllowIsA422NamingTheField() {
    assertRefused(ssh(Map.of("credential", "nope")), "target.credential");
    assertRefused(ssh(Map.of("credential", "a-token")), "target.credential");
    assertRefused(ssh(Map.of("knownHosts", "-")), "target.knownHosts");
    assertRefused(ssh(Map.of("hosts", List.of("db1.elsewhere.example"))), "target.hosts");
    assertRefused(ssh(Map.of("hosts", List.of("127.0.0.1:22"))), "target.hosts");
    assertRefused(ssh(Map.of("root", "/etc")), "target.root");
    assertRefused(ssh(Map.of("strategy", Map.of("batches", List.of("0%")))), "target.strategy");
  }

  @Test
  void aCommandOutsideTheServersCommandPolicyIsA422NamingTheField() {
    // Commands are off on this server, as by default: the ssh target's commands, which run on the
    // hosts, are refused by the same policy as local ones.
    Map<String, Object> curl = Map.of("argv", List.of("curl", "-fsS", "http://localhost/healthz"));

    String off = "commands are off on this server";

    CommandRequests.refused(
        register("refused", ssh(Map.of("postApply", curl))), "target.postApply", off);
    CommandRequests.refused(
        register("refused", ssh(Map.of("healthCheck", curl))), "target.healthCheck", off);
    assertThat(SERVER.admin().get("/api/v1/environments/refused").status()).isEqualTo(404);
  }

  private static void assertRefused(Map<String, Object> target, String field) {
    Api.Reply reply = register("refused", target);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
    assertThat(reply.json().path("details").path("field").asText())
        .as(reply.toString())
        .isEqualTo(field);
  }
}
