package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import io.driftless.kubernetes.MockCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A kubernetes environment over HTTP: registered with a kubeconfig that points at the mock API
 * server (see {@link MockCluster} for what the mock approximates), the manifests renderer and an
 * ignore rule; stored, read back, synced, and checked in sync.
 */
class KubernetesFlowIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();

  @Test
  void registerSyncAndStayInSync() throws Exception {
    Api api = SERVER.admin();
    try (MockCluster cluster = new MockCluster();
        TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("k8s-repo"))) {
      Path kubeconfig = cluster.writeKubeconfig(SERVER.dir.resolve("kubeconfig"));
      repo.commit(
          Map.of(
              "k8s/app.yaml",
              """
              apiVersion: v1
              kind: Namespace
              metadata:
                name: shop
              ---
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: settings
              data:
                greeting: hello
              """),
          "app");
      api.createSource("k8s", repo.url());

      Api.Reply env =
          api.post(
                  "/api/v1/environments",
                  Map.of(
                      "name", "shop",
                      "source", "k8s",
                      "ref", "main",
                      "path", "k8s",
                      "renderer", "manifests",
                      "target",
                          Map.of(
                              "type", "kubernetes",
                              "kubeconfig", kubeconfig.toString(),
                              "context", "mock",
                              "namespace", "shop",
                              "prunePropagation", "background",
                              "healthTimeout", "10s",
                              "allowedKinds", List.of("*", "Namespace")),
                      "ignore",
                          List.of(
                              Map.of(
                                  "group", "apps",
                                  "kind", "Deployment",
                                  "jsonPointers", List.of("/spec/replicas"))),
                      "sync", Map.of("auto", false, "prune", true, "interval", "1h")))
              .expect(201);

      Api.Reply read = api.get("/api/v1/environments/shop");
      assertThat(read.text("renderer")).isEqualTo("manifests");
      assertThat(read.json().path("target").path("type").asText()).isEqualTo("kubernetes");
      assertThat(read.json().path("target").path("kubeconfig").asText())
          .isEqualTo(kubeconfig.toString());
      assertThat(read.json().path("target").path("prunePropagation").asText())
          .isEqualTo("background");
      assertThat(read.json().path("target").path("forceConflicts").asBoolean()).isTrue();
      assertThat(read.json().path("ignore").get(0).path("jsonPointers").get(0).asText())
          .isEqualTo("/spec/replicas");

      Api.Reply queued = api.post("/api/v1/environments/shop/sync", Map.of("reason", "first"));
      Api.Reply run = TestServer.awaitRun(api, queued.location());
      assertThat(run.text("status")).as(run.toString()).isEqualTo("succeeded");
      assertThat(cluster.configMapData("shop", "settings")).containsEntry("greeting", "hello");

      Api.Reply diff = api.get("/api/v1/environments/shop/diff?ref=main");
      assertThat(diff.status()).as(diff.toString()).isEqualTo(200);
      assertThat(diff.json().path("changes").size()).as(diff.toString()).isZero();
    }
  }
}
