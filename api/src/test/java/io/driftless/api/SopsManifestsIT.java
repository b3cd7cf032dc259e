package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.SensitiveStrings;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.secrets.AgeCli;
import io.driftless.engine.secrets.Fixtures;
import io.driftless.engine.testing.TestGitRepo;
import io.driftless.kubernetes.MockCluster;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code manifests} renderer decrypts a SOPS-encrypted Kubernetes manifest before apply, as
 * Flux does: a Secret and a ConfigMap encrypted together with an age key made by age-keygen reach
 * the (mock) cluster decrypted; both are sensitive values in the run's changes and the diff of a
 * ref, an unchanged cluster is no drift, and a random password is in no response, DEBUG log line,
 * metric or H2 file (the snapshot keeps the encrypted manifest).
 */
class SopsManifestsIT {
  @RegisterExtension static final TestServer SERVER = TestServer.atDebug();

  private final Api admin = SERVER.admin();

  /** The secrets a test makes, looked for everywhere they must not be. */
  private final SensitiveStrings secrets = new SensitiveStrings();

  @Test
  void anEncryptedManifestIsAppliedDecryptedAndItsValuesAreShownNowhere() throws Exception {
    String password = secrets.next();
    String next = secrets.next();
    AgeCli.Key key = admin.createAgeIdentity("k8s-age");
    try (MockCluster cluster = new MockCluster();
        TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("sops-k8s-repo"))) {
      Path kubeconfig = cluster.writeKubeconfig(SERVER.dir.resolve("sops-kubeconfig"));
      repo.commit(manifests(password, key), "encrypted manifests");
      admin.createSource("sops-k8s", repo.url(), List.of("k8s-age"));
      admin.createEnvironment(
          EnvironmentBody.directory("sops-shop", "sops-k8s", "k8s", SERVER.dir)
              .with("renderer", "manifests")
              .with("target", kubernetes(kubeconfig)));

      long run = admin.syncSucceeded("sops-shop", Map.of());
      assertThat(secretValue(cluster, "db")).isEqualTo(password);
      assertThat(cluster.configMapData("shop", "dsn"))
          .containsEntry("url", "postgres://app:" + password + "@db/app");

      // Both objects of the decrypted manifest are sensitive values: no diff, no hash.
      assertDecryptedObjectsAreSensitive(admin, run);

      // The cluster as applied is in sync: its objects hashed as the desired ones are.
      Api.Reply same = admin.get("/api/v1/environments/sops-shop/diff?ref=main");
      assertThat(same.status()).as(same.toString()).isEqualTo(200);
      assertThat(same.json().path("changes").size()).as(same.toString()).isZero();

      repo.commitOn(
          "feature",
          Map.of(
              "k8s/secret.yaml",
              Fixtures.encryptedForAge("secret.yaml", manifest(next), key.recipient())),
          "rotate");
      Api.Reply diff = admin.get("/api/v1/environments/sops-shop/diff?ref=feature");
      assertThat(diff.status()).as(diff.toString()).isEqualTo(200);
      assertThat(SensitiveValuesIT.change(diff.json(), "core/Secret/shop/db").path("diff").asText())
          .containsPattern(SopsSyncIT.SENSITIVE_CHANGED);
      admin.get("/api/v1/environments/sops-shop");
      admin.get("/api/v1/runs/" + run);

      SopsSyncIT.assertInNoResponseLogMetricOrDatabase(
          SERVER, admin, secrets, SopsManifestsIT::notTheMockCluster);
    }
  }

  @Test
  void aRollbackToARevisionForcePushedAwayRestoresTheDecryptedObjectsFromTheSnapshot()
      throws Exception {
    AgeCli.Key key = admin.createAgeIdentity("gone-age");
    Path dir = SERVER.dir.resolve("sops-gone-repo");
    try (MockCluster cluster = new MockCluster()) {
      Path kubeconfig = cluster.writeKubeconfig(SERVER.dir.resolve("sops-gone-kubeconfig"));
      String one;
      try (TestGitRepo repo = TestGitRepo.create(dir)) {
        one = repo.commit(secretFile("first-password", key), "one").value();
        admin.createSource("sops-gone", repo.url(), List.of("gone-age"));
        admin.createEnvironment(
            EnvironmentBody.directory("sops-gone", "sops-gone", "k8s", SERVER.dir)
                .with("renderer", "manifests")
                .with("target", kubernetes(kubeconfig)));
        admin.syncSucceeded("sops-gone", Map.of());
      }
      // History rewritten without revision one: the snapshot holds the manifest encrypted.
      SopsSyncIT.rewriteHistory(dir, secretFile("second-password", key));
      admin.syncSucceeded("sops-gone", Map.of());
      assertThat(secretValue(cluster, "db")).isEqualTo("second-password");

      Api.Reply back =
          admin.rollback("sops-gone", Map.of("toRevision", one, "reason", "restore one"));
      assertThat(back.text("status")).as(back.toString()).isEqualTo("succeeded");
      assertThat(back.json().path("phases").findValuesAsText("phase")).doesNotContain("render");
      assertThat(secretValue(cluster, "db")).isEqualTo("first-password");
      assertThat(cluster.configMapData("shop", "dsn"))
          .containsEntry("url", "postgres://app:first-password@db/app");
    }
  }

  /**
   * {@link #manifest} encrypted for {@code key} as {@code k8s/secret.yaml}, and a plain ConfigMap
   * {@code settings} in {@code k8s/plain.yaml} (starting with {@code ---}, so that files printed
   * one after the other stay apart).
   */
  static Map<String, String> manifests(String password, AgeCli.Key key) {
    Map<String, String> files = new java.util.HashMap<>(secretFile(password, key));
    files.put(
        "k8s/plain.yaml",
        """
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          greeting: hello
        """);
    return files;
  }

  private static Map<String, String> secretFile(String password, AgeCli.Key key) {
    return Map.of(
        "k8s/secret.yaml",
        Fixtures.encryptedForAge("secret.yaml", manifest(password), key.recipient()));
  }

  /** A kubernetes target on the mock cluster, namespace {@code shop}. */
  static Map<String, Object> kubernetes(Path kubeconfig) {
    return Map.of(
        "type", "kubernetes",
        "kubeconfig", kubeconfig.toString(),
        "context", "mock",
        "namespace", "shop",
        "healthTimeout", "10s");
  }

  /**
   * The run's changes show the Secret and ConfigMap of {@link #manifest} only as how many values
   * changed, without a hash, and the plain ConfigMap {@code settings} as a diff.
   */
  static void assertDecryptedObjectsAreSensitive(Api admin, long run) {
    JsonNode changes = admin.get("/api/v1/runs/" + run + "/changes").json();
    for (String object : List.of("core/Secret/shop/db", "core/ConfigMap/shop/dsn")) {
      JsonNode change = SensitiveValuesIT.change(changes, object);
      assertThat(change.path("diff").asText())
          .as(object)
          .containsPattern(SopsSyncIT.VALUES_CHANGED);
      assertThat(change.path("afterHash").isNull()).as(object).isTrue();
    }
    assertThat(
            SensitiveValuesIT.change(changes, "core/ConfigMap/shop/settings").path("diff").asText())
        .contains("\"greeting\" : \"hello\"");
  }

  /** A Secret and a ConfigMap holding {@code password}, one YAML file of two documents. */
  static String manifest(String password) {
    return """
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
        stringData:
          password: %s
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: dsn
        data:
          url: postgres://app:%s@db/app
        """
        .formatted(password, password);
  }

  /**
   * Whether a server log line is Driftless's: the fake cluster runs in the server's JVM and logs
   * what it stores at DEBUG, as a real API server would on its own side.
   */
  static boolean notTheMockCluster(String line) {
    return !line.contains("io.fabric8.kubernetes.client.server.mock.")
        && !line.contains("io.fabric8.mockwebserver.");
  }

  static String secretValue(MockCluster cluster, String name) {
    Secret secret = cluster.client().secrets().inNamespace("shop").withName(name).get();
    assertThat(secret).as("Secret " + name).isNotNull();
    if (secret.getStringData() != null && secret.getStringData().containsKey("password")) {
      return secret.getStringData().get("password");
    }
    return new String(
        Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
  }
}
