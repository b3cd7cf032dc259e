package io.driftless.kubernetes;

import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.testing.TestGitRepo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
  // Manifests the tests commit (src/test/resources/manifests): the namespace web, a ConfigMap
  // and a Deployment in it.
  static final String NAMESPACE = manifest("namespace");
  static final String CONFIG = manifest("config");
  static final String DEPLOYMENT = manifest("deployment");

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

  private static String manifest(String name) {
    try (InputStream in =
        MockClusterTestBase.class.getResourceAsStream("/manifests/" + name + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
