package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Named credentials through the REST API: added, referred to by a source, rotated, refused while in
 * use, removed; each change audited; the secret in no response and no log line.
 */
class CredentialsIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();

  private static final String KNOWN_HOSTS =
      "git.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

  @Test
  void aCredentialIsUsedByNameRotatedAndRemovedWithoutItsSecretEverComingBack() throws Exception {
    Api admin = SERVER.admin();
    String token = "tok-" + UUID.randomUUID();
    String rotated = "tok-" + UUID.randomUUID();

    Api.Reply added =
        admin.post(
            "/api/v1/credentials",
            Map.of("name", "gh-bot", "type", "token", "username", "bot", "token", token));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(added.location()).endsWith("/api/v1/credentials/gh-bot");
    assertThat(added.text("type")).isEqualTo("token");
    assertThat(added.text("username")).isEqualTo("bot");
    assertThat(added.text("createdBy")).isEqualTo("admin");
    assertThat(
            admin
                .post(
                    "/api/v1/credentials", Map.of("name", "gh-bot", "type", "token", "token", "x"))
                .status())
        .isEqualTo(409);

    Api.Reply source =
        source(
            admin,
            "private",
            "https://git.example.com/private.git",
            Map.of("type", "credential", "credential", "gh-bot"));
    assertThat(source.status()).as(source.toString()).isEqualTo(201);
    assertThat(source.text("authType")).isEqualTo("credential");
    assertThat(source.text("authCredential")).isEqualTo("gh-bot");
    assertThat(admin.get("/api/v1/credentials/gh-bot").json().path("usedBy").get(0).asText())
        .isEqualTo("private");

    Api.Reply inUse = admin.delete("/api/v1/credentials/gh-bot");
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.text("message")).contains("private");

    Api.Reply rotation =
        admin.send(
            "PUT",
            "/api/v1/credentials/gh-bot",
            Map.of("type", "token", "username", "bot", "token", rotated));
    assertThat(rotation.status()).as(rotation.toString()).isEqualTo(200);
    Api.Reply otherType =
        admin.send(
            "PUT",
            "/api/v1/credentials/gh-bot",
            Map.of("type", "basic", "username", "u", "password", "p"));
    assertThat(otherType.status()).isEqualTo(422);
    assertThat(otherType.json().path("details").path("field").asText()).isEqualTo("type");

    assertThat(admin.delete("/api/v1/sources/private").status()).isEqualTo(204);
    assertThat(admin.delete("/api/v1/credentials/gh-bot").status()).isEqualTo(204);
    assertThat(admin.get("/api/v1/credentials/gh-bot").status()).isEqualTo(404);

    List<String> actions = new ArrayList<>();
    admin
        .get("/api/v1/audit?limit=1000")
        .json()
        .path("items")
        .forEach(
            e -> {
              if (e.path("objectType").asText().equals("credential")) {
                actions.add(e.path("action").asText());
              }
            });
    assertThat(actions)
        .containsExactlyInAnyOrder("credential.add", "credential.replace", "credential.remove");

    List<String> responses = admin.seen();
    String server = Files.readString(SERVER.serverLog());
    for (String secret : List.of(token, rotated)) {
      assertThat(responses).as("responses").noneMatch(r -> r.contains(secret));
      assertThat(server).as("server log").doesNotContain(secret);
    }
  }

  @Test
  void keysShowTheirPublicPartsAndAnSshKeyServesASourceWithPinnedHosts() throws Exception {
    Api admin = SERVER.admin();
    Path key = SERVER.dir.resolve("deploy-key");
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key.toString());
    String privateKey = Files.readString(key);
    String fingerprint = run("ssh-keygen", "-l", "-f", key + ".pub").split(" ")[1];
    Path ageKey = SERVER.dir.resolve("age.txt");
    run("age-keygen", "-o", ageKey.toString());
    String recipient =
        Files.readString(ageKey)
            .lines()
            .filter(l -> l.startsWith("# public key: "))
            .findFirst()
            .orElseThrow()
            .substring("# public key: ".length());

    Api.Reply ssh =
        admin.post(
            "/api/v1/credentials",
            Map.of("name", "deploy", "type", "ssh-key", "privateKey", privateKey));
    Api.Reply age =
        admin.post(
            "/api/v1/credentials",
            Map.of("name", "sops", "type", "age-identity", "identity", Files.readString(ageKey)));

    assertThat(ssh.status()).as(ssh.toString()).isEqualTo(201);
    assertThat(ssh.json().path("publicKeys").get(0).asText()).isEqualTo(fingerprint);
    assertThat(age.json().path("publicKeys").get(0).asText()).isEqualTo(recipient);
    Api.Reply unpinned =
        source(
            admin,
            "by-ssh",
            "ssh://git@git.example.com/r.git",
            Map.of("type", "credential", "credential", "deploy"));
    assertThat(unpinned.status()).isEqualTo(422);
    assertThat(unpinned.text("message")).contains("knownHosts");
    Api.Reply ageForGit =
        source(
            admin,
            "by-age",
            "https://git.example.com/r.git",
            Map.of("type", "credential", "credential", "sops"));
    assertThat(ageForGit.status()).isEqualTo(422);
    Api.Reply pinned =
        source(
            admin,
            "by-ssh",
            "ssh://git@git.example.com/r.git",
            Map.of("type", "credential", "credential", "deploy", "knownHosts", KNOWN_HOSTS));
    assertThat(pinned.status()).as(pinned.toString()).isEqualTo(201);

    List<String> listed = new ArrayList<>();
    admin.get("/api/v1/credentials").json().path("items").forEach(c -> listed.add(c.toString()));
    assertThat(listed)
        .hasSize(2)
        .noneMatch(c -> c.contains("PRIVATE KEY") || c.contains("AGE-SECRET"));
  }

  private static Api.Reply source(Api admin, String name, String url, Map<String, String> auth) {
    return admin.post("/api/v1/sources", Map.of("name", name, "url", url, "auth", auth));
  }

  private static String run(String... command) {
    return Processes.run(new ProcessBuilder(command));
  }
}
