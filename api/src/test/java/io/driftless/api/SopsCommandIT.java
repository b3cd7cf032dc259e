package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.SensitiveStrings;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.secrets.AgeCli;
import io.driftless.engine.secrets.Fixtures;
import io.driftless.engine.testing.TestGitRepo;
import io.driftless.kubernetes.MockCluster;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code command} renderer's command reads SOPS files as they are in Git, and the SOPS
 * documents of its output are decrypted before apply, as Flux decrypts the output of {@code
 * kustomize build}: a two-document SOPS file printed by {@code cat} reaches the (mock) cluster
 * decrypted, both objects are sensitive values, an unchanged cluster is no drift, and the password
 * is in no response, DEBUG log line, metric or H2 file; a document no offered key decrypts fails
 * the run at render.
 */
class SopsCommandIT {
  @RegisterExtension
  static final TestServer SERVER =
      TestServer.atDebug(
          ConfigOverride.config("commands.enabled", "true"),
          ConfigOverride.config("commands.allowed", "cat"));

  private final Api admin = SERVER.admin();

  /** The secrets a test makes, looked for everywhere they must not be. */
  private final SensitiveStrings secrets = new SensitiveStrings();

  @Test
  void theSopsDocumentsOfACommandsOutputAreAppliedDecrypted() throws Exception {
    String password = secrets.next();
    AgeCli.Key key = AgeCli.keygen();
    AgeCli.Key other = AgeCli.keygen();
    admin.createCredential("cmd-age", "age-identity", "identity", key.file());
    try (MockCluster cluster = new MockCluster();
        TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("sops-command-repo"))) {
      Path kubeconfig = cluster.writeKubeconfig(SERVER.dir.resolve("sops-command-kubeconfig"));
      repo.commit(SopsManifestsIT.manifests(password, key), "encrypted manifests");
      admin.createSource("sops-command", repo.url(), List.of("cmd-age"));
      admin.createEnvironment(
          EnvironmentBody.directory("sops-cat", "sops-command", "k8s", SERVER.dir)
              .with("renderer", "command")
              .with("renderCommand", Map.of("argv", List.of("cat", "secret.yaml", "plain.yaml")))
              .with("target", SopsManifestsIT.kubernetes(kubeconfig)));

      long run = admin.syncSucceeded("sops-cat", Map.of());
      assertThat(SopsManifestsIT.secretValue(cluster, "db")).isEqualTo(password);
      assertThat(cluster.configMapData("shop", "dsn"))
          .containsEntry("url", "postgres://app:" + password + "@db/app");
      assertThat(cluster.configMapData("shop", "settings")).containsEntry("greeting", "hello");

      SopsManifestsIT.assertDecryptedObjectsAreSensitive(admin, run);
      Api.Reply same = admin.get("/api/v1/environments/sops-cat/diff?ref=main");
      assertThat(same.status()).as(same.toString()).isEqualTo(200);
      assertThat(same.json().path("changes").size()).as(same.toString()).isZero();
      admin.get("/api/v1/environments/sops-cat");
      admin.get("/api/v1/runs/" + run);

      SopsSyncIT.assertInNoResponseLogMetricOrDatabase(
          SERVER, admin, secrets, SopsManifestsIT::notTheMockCluster);

      // A document for a key the source does not offer fails the run at render, naming it.
      repo.commit(
          Map.of(
              "k8s/secret.yaml",
              Fixtures.encryptedForAge(
                  "secret.yaml", SopsManifestsIT.manifest("other"), other.recipient())),
          "another key");
      Api.Reply failed = admin.sync("sops-cat", Map.of());
      assertThat(failed.text("status")).as(failed.toString()).isEqualTo("failed");
      assertThat(failed.json().path("error").path("code").asText()).isEqualTo("render.invalid");
      assertThat(failed.json().path("error").path("message").asText())
          .contains("sops.no_key")
          .contains("SOPS document 1");
    }
  }
}
