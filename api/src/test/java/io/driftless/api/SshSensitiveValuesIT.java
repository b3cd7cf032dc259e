package io.driftless.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.SensitiveStrings;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.secrets.AgeCli;
import io.driftless.engine.secrets.Fixtures;
import io.driftless.engine.testing.TestGitRepo;
import io.driftless.ssh.testing.Sshd;
import io.driftless.ssh.testing.TestSshKey;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An ssh environment's sensitive files, through the server with a real OpenSSH host: a file
 * matching the environment's {@code sensitive} globs, and a SOPS file decrypted on the way, are
 * shown only as {@code (sensitive value changed)} although their keys carry the host ({@code
 * 127.0.0.1:port:secrets/db.pass}), and their content is in no API response or log line at DEBUG.
 */
class SshSensitiveValuesIT {
  /** Under the server's targets.ssh.allowedRoots: the host's files. */
  private static final Path HOSTS =
      Path.of("target", "ssh-sensitive-it-" + ProcessHandle.current().pid()).toAbsolutePath();

  @RegisterExtension
  static final TestServer SERVER =
      new TestServer(
          "ssh-targets-config.yml",
          null,
          ConfigOverride.config("logging.level", "DEBUG"),
          ConfigOverride.config("targets.ssh.allowedHosts", "127.0.0.1"),
          ConfigOverride.config("targets.ssh.allowedRoots", HOSTS.toString()));

  /** The secrets a test makes, looked for everywhere they must not be. */
  private final SensitiveStrings secrets = new SensitiveStrings();

  @Test
  void sensitiveAndDecryptedFilesOnAHostShowOnlyThatTheyChanged() throws Exception {
    Api admin = SERVER.admin();
    String first = secrets.next();
    String second = secrets.next();
    String firstPassword = secrets.next();
    String secondPassword = secrets.next();
    TestSshKey login = TestSshKey.generate(HOSTS.resolve("keys"), "deploy");
    Sshd host = SERVER.owned(Sshd.start(HOSTS.resolve("host"), login));
    AgeCli.Key age = AgeCli.keygen();
    admin.createCredential("fleet", "ssh-key", "privateKey", new String(login.privateKey(), UTF_8));
    admin.createCredential("sops-age", "age-identity", "identity", age.file());
    TestGitRepo repo = SERVER.repo("ssh-sensitive-repo");
    repo.commit(files(80, first, firstPassword, age), "first");
    admin.createSource("site", repo.url(), List.of("sops-age"));
    Path root = host.root().resolve("web");
    Map<String, Object> target = new HashMap<>();
    target.put("type", "ssh");
    target.put("hosts", List.of(host.host().toString()));
    target.put("user", host.user());
    target.put("credential", "fleet");
    target.put("knownHosts", host.knownHostsLine());
    target.put("root", root.toString());
    Api.Reply created =
        admin
            .post(
                "/api/v1/environments",
                Map.of(
                    "name", "edge",
                    "source", "site",
                    "ref", "main",
                    "path", "env",
                    "target", target,
                    "sensitive", List.of("secrets/**")))
            .expect(201);
    long firstRun = admin.syncSucceeded("edge", Map.of());
    assertThat(Files.readString(root.resolve("secrets/db.pass"))).isEqualTo(first + "\n");
    assertThat(Files.readString(root.resolve("db.yaml")))
        .isEqualTo("password: " + firstPassword + "\n");
    // A decrypted file is for its owner only on a host too, unless the environment says otherwise.
    assertThat(mode(root.resolve("db.yaml"))).isEqualTo("rw-------");
    assertThat(mode(root.resolve("app.conf"))).isEqualTo("rw-r--r--");
    Api.Reply mode =
        admin
            .patch("/api/v1/environments/edge", Map.of("decryption", Map.of("mode", "0640")))
            .expect(200);

    String pass = host.host() + ":secrets/db.pass";
    String decrypted = host.host() + ":db.yaml";
    repo.commitOn("feature", files(81, second, secondPassword, age), "feature");
    Api.Reply diff = admin.get("/api/v1/environments/edge/diff?ref=feature");
    assertThat(diff.status()).as(diff.toString()).isEqualTo(200);
    for (String key : List.of(pass, decrypted)) {
      assertThat(SensitiveValuesIT.change(diff.json(), key).path("diff").asText())
          .as(key)
          .containsPattern(SopsSyncIT.SENSITIVE_CHANGED);
    }
    assertThat(
            SensitiveValuesIT.change(diff.json(), host.host() + ":app.conf").path("diff").asText())
        .contains("+port=81");

    repo.commit(files(80, second, secondPassword, age), "rotate");
    long secondRun = admin.syncSucceeded("edge", Map.of());
    assertThat(Files.readString(root.resolve("secrets/db.pass"))).isEqualTo(second + "\n");
    assertThat(mode(root.resolve("db.yaml"))).isEqualTo("rw-r-----");
    JsonNode changes = admin.get("/api/v1/runs/" + secondRun + "/changes").json();
    for (String key : List.of(pass, decrypted)) {
      JsonNode change = SensitiveValuesIT.change(changes, key);
      assertThat(change.path("diff").asText())
          .as(key)
          .containsPattern(SopsSyncIT.SENSITIVE_CHANGED);
      assertThat(change.path("beforeHash").isNull()).as(key).isTrue();
      assertThat(change.path("afterHash").isNull()).as(key).isTrue();
    }
    Api.Reply compare = admin.get("/api/v1/runs/" + firstRun + "/compare/" + secondRun).expect(200);
    assertThat(compare.body()).containsPattern(SopsSyncIT.SENSITIVE_CHANGED);
    admin.get("/api/v1/environments/edge");
    admin.get("/api/v1/runs/" + secondRun);

    String everything =
        String.join("\n", admin.seen())
            + Files.readString(SERVER.serverLog())
            + Files.readString(SERVER.requestLog());
    secrets.assertNoneIn(everything, "an API response or the server log");
  }

  private static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private static Map<String, String> files(
      int port, String secret, String password, AgeCli.Key age) {
    return Map.of(
        "env/app.conf",
        "port=" + port + "\n",
        "env/secrets/db.pass",
        secret + "\n",
        "env/db.yaml",
        Fixtures.encryptedForAge("db.yaml", "password: " + password + "\n", age.recipient()));
  }
}
