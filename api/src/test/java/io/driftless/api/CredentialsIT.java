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
        admin
            .post(
                "/api/v1/credentials",
                Map.of(
                    "name",
                    "gh-bot",
                    "type",
                    "token",
                    "username",
                    "bot",
                    "token",
                    token,
                    "origins",
                    List.of("https://git.example.com/")))
            .expect(201);
    assertThat(added.location()).endsWith("/api/v1/credentials/gh-bot");
    assertThat(added.text("type")).isEqualTo("token");
    assertThat(added.text("username")).isEqualTo("bot");
    assertThat(added.text("createdBy")).isEqualTo("admin");
    assertThat(addToken(admin, "gh-bot", List.of("https://git.example.com/")).status())
        .isEqualTo(409);

    Api.Reply source =
        source(
                admin,
                "private",
                "https://git.example.com/private.git",
                Map.of("type", "credential", "credential", "gh-bot"))
            .expect(201);
    assertThat(source.text("authType")).isEqualTo("credential");
    assertThat(source.text("authCredential")).isEqualTo("gh-bot");
    assertThat(admin.get("/api/v1/credentials/gh-bot").json().path("usedBy").get(0).asText())
        .isEqualTo("private");

    Api.Reply inUse = admin.delete("/api/v1/credentials/gh-bot");
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.text("message")).contains("private");

    Api.Reply rotation =
        admin
            .put(
                "/api/v1/credentials/gh-bot",
                Map.of("type", "token", "username", "bot", "token", rotated))
            .expect(200);
    Api.Reply otherType =
        admin.put(
            "/api/v1/credentials/gh-bot",
            Map.of("type", "basic", "username", "u", "password", "p"));
    assertThat(otherType.status()).isEqualTo(422);
    assertThat(otherType.invalidField()).isEqualTo("type");

    assertThat(admin.delete("/api/v1/sources/private").status()).isEqualTo(204);
    assertThat(admin.delete("/api/v1/credentials/gh-bot").status()).isEqualTo(204);
    assertThat(admin.get("/api/v1/credentials/gh-bot").status()).isEqualTo(404);

    assertThat(credentialActions(admin, "gh-bot"))
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
                Map.of("type", "credential", "credential", "deploy", "knownHosts", KNOWN_HOSTS))
            .expect(201);

    List<String> listed = new ArrayList<>();
    admin.get("/api/v1/credentials").json().path("items").forEach(c -> listed.add(c.toString()));
    assertThat(listed)
        .hasSize(2)
        .noneMatch(c -> c.contains("PRIVATE KEY") || c.contains("AGE-SECRET"));
  }

  @Test
  void aTokenGoesOnlyWhereItsOriginsSaySoAnAdminCannotSendItToAServerOfTheirChoosing() {
    Api admin = SERVER.admin();
    Map<String, String> byName = Map.of("type", "credential", "credential", "acme-bot");

    Api.Reply unscoped = addToken(admin, "acme-bot", List.of());
    assertThat(unscoped.status()).isEqualTo(422);
    assertThat(unscoped.invalidField()).isEqualTo("origins");
    Api.Reply plain = addToken(admin, "acme-bot", List.of("http://git.example.com/acme"));
    assertThat(plain.status()).isEqualTo(422);
    assertThat(plain.text("message")).contains("origins[0]");
    Api.Reply added =
        addToken(admin, "acme-bot", List.of("https://git.example.com/acme")).expect(201);

    // Another host, or a sibling path that only starts with the same letters: refused, field named.
    for (String url :
        List.of(
            "https://collector.example.net/acme/app.git",
            "https://git.example.com/acme-evil/app.git")) {
      Api.Reply refused = source(admin, "elsewhere", url, byName);
      assertThat(refused.status()).as(url).isEqualTo(422);
      assertThat(refused.invalidField()).isEqualTo("auth.credential");
      assertThat(refused.text("message")).contains("may be sent only to");
    }
    assertThat(admin.get("/api/v1/sources/elsewhere").status()).isEqualTo(404);
    Api.Reply inside =
        source(admin, "acme-app", "https://git.example.com/acme/app.git", byName).expect(201);
    // Moving the source away while naming the credential again is refused too.
    Api.Reply moved =
        admin.patch(
            "/api/v1/sources/acme-app",
            Map.of("url", "https://collector.example.net/acme/app.git", "auth", byName));
    assertThat(moved.status()).isEqualTo(422);

    // Origins change without the secret; never so that a source using it is left outside.
    Api.Reply narrowed =
        admin.put(
            "/api/v1/credentials/acme-bot/origins",
            Map.of("origins", List.of("https://git.example.com/other")));
    assertThat(narrowed.status()).isEqualTo(422);
    assertThat(narrowed.text("message")).contains("acme-app");
    Api.Reply widened =
        admin
            .put(
                "/api/v1/credentials/acme-bot/origins",
                Map.of(
                    "origins", List.of("https://git.example.com/acme", "ssh://git.example.com/")))
            .expect(200);
    assertThat(widened.json().path("origins").size()).isEqualTo(2);
    Api.Reply unknown =
        admin.put("/api/v1/credentials/nope/origins", Map.of("origins", List.of("https://x/")));
    assertThat(unknown.status()).isEqualTo(404);

    assertThat(admin.delete("/api/v1/sources/acme-app").status()).isEqualTo(204);
    assertThat(admin.delete("/api/v1/credentials/acme-bot").status()).isEqualTo(204);
    assertThat(credentialActions(admin, "acme-bot")).contains("credential.origins");
  }

  /** The audited actions on the credential {@code name}. */
  private static List<String> credentialActions(Api admin, String name) {
    List<String> actions = new ArrayList<>();
    admin
        .get("/api/v1/audit?limit=1000")
        .json()
        .path("items")
        .forEach(
            e -> {
              if (e.path("objectType").asText().equals("credential")
                  && e.path("objectName").asText().equals(name)) {
                actions.add(e.path("action").asText());
              }
            });
    return actions;
  }

  private static Api.Reply addToken(Api admin, String name, List<String> origins) {
    return admin.post(
        "/api/v1/credentials",
        Map.of(
            "name",
            name,
            "type",
            "token",
            "token",
            "tok-" + UUID.randomUUID(),
            "origins",
            origins));
  }

  private static Api.Reply source(Api admin, String name, String url, Map<String, String> auth) {
    return admin.post("/api/v1/sources", Map.of("name", name, "url", url, "auth", auth));
  }

  private static String run(String... command) {
    return Processes.run(new ProcessBuilder(command));
  }
}
