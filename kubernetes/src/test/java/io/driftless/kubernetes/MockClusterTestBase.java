package io.driftless.kubernetes;

import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the tests that reconcile against a mock API server: a repository, the {@link
 * MockCluster}, and a {@link KubernetesEngine} that reads the one and applies to the other. Each
 * test gets its own; a test class registers the environment it needs.
 */
abstract class MockClusterTestBase {
  // Manifests the tests commit: the namespace web, a ConfigMap and a Deployment in it.
  static final String NAMESPACE =
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: web
      """;
  static final String CONFIG =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
      data:
        greeting: hello
        replicas: "2"
      """;
  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: app
        namespace: web
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
              - name: web
                image: nginx:1.27
                ports:
                  - containerPort: 80
      """;

  @TempDir Path tmp;
  TestGitRepo repo;
  MockCluster cluster;
  KubernetesEngine engine;

  @BeforeEach
  void openCluster() {
    repo = TestGitRepo.create(tmp.resolve("repo"));
    cluster = new MockCluster();
    engine = new KubernetesEngine(tmp.resolve("work"), cluster.client(), repo.url(), commands());
  }

  /** What the server lets this class's renderers run: nothing, unless a class says so. */
  CommandPolicy commands() {
    return CommandPolicy.off();
  }

  @AfterEach
  void closeCluster() {
    engine.close();
    cluster.close();
    repo.close();
  }
}
