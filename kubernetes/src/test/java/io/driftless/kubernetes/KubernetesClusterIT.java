package io.driftless.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.testing.TestGitRepo;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubernetes target against a real API server: the release gate for this target, since CI has
 * none and the mock does not implement server-side apply. Runs only when {@code KUBECONFIG} names a
 * kubeconfig (its first file; {@code DRIFTLESS_IT_CONTEXT} picks a context, else the current one),
 * and is skipped with a message otherwise. It works in its own namespace {@code driftless-it-*},
 * deleted afterwards; it needs rights to create namespaces and to pull {@code
 * registry.k8s.io/pause:3.9}.
 */
class KubernetesClusterIT {
  @TempDir Path tmp;
  private String namespace;
  private Path kubeconfig;
  private String context;
  private TestGitRepo repo;
  private KubernetesEngine engine;
  private KubernetesClient client;

  @BeforeEach
  void setUp() {
    String env = System.getenv("KUBECONFIG");
    String skip =
        "KUBECONFIG is not set: skipping the real-cluster test of the kubernetes target"
            + " (expected in CI, which has no cluster; run it before a release, see README)";
    if (env == null || env.isBlank()) {
      System.err.println("[SKIPPED] KubernetesClusterIT: " + skip);
    }
    assumeTrue(env != null && !env.isBlank(), skip);
    kubeconfig = Path.of(env.split(File.pathSeparator)[0]).toAbsolutePath();
    context = System.getenv("DRIFTLESS_IT_CONTEXT");
    namespace = "driftless-it-" + UUID.randomUUID().toString().substring(0, 8);
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(context, kubeconfig.toFile()))
            .build();
    repo = TestGitRepo.create(tmp.resolve("repo"));
    engine = KubernetesEngine.real(tmp.resolve("work"), repo.url());
    engine.register(
        new RendererSpec.Manifests(),
        new TargetSpec.Kubernetes(
                kubeconfig,
                context,
                namespace,
                true,
                TargetSpec.Kubernetes.Propagation.BACKGROUND,
                Duration.ofMinutes(3),
                null)
            .withScope(null, KubernetesEngine.WITH_NAMESPACE));
  }

  @AfterEach
  void tearDown() {
    if (client == null) {
      return;
    }
    client.namespaces().withName(namespace).delete();
    client.close();
    engine.close();
    repo.close();
  }

  private String manifests(String greeting) {
    return """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %1$s
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          greeting: %2$s
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector: {app: web}
          ports:
            - port: 80
              targetPort: 8080
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 1
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: pause
                  image: registry.k8s.io/pause:3.9
        """
        .formatted(namespace, greeting);
  }

  private ConfigMap settings() {
    return client.configMaps().inNamespace(namespace).withName("settings").get();
  }

  @Test
  void syncsStaysInSyncSeesDriftAndPrunes() {
    repo.commit(Map.of("deploy/app.yaml", manifests("hello")), "app");

    RunResult first = engine.sync();
    assertThat(first.status()).as(String.valueOf(first.error())).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(settings().getMetadata().getManagedFields())
        .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("driftless"));

    // Server defaults (strategy, dnsPolicy, clusterIP, ...) are not drift.
    RunResult second = engine.sync();
    assertThat(second.status())
        .as(String.valueOf(second.plan().changes()))
        .isEqualTo(RunStatus.NO_OP);
    assertThat(second.plan().drifted()).isEmpty();

    repo.commit(Map.of("deploy/app.yaml", manifests("hi")), "hi");
    RunResult update = engine.sync();
    assertThat(update.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(update.plan().changes())
        .singleElement()
        .satisfies(c -> assertThat(c.drift()).isFalse());
    assertThat(settings().getData()).containsEntry("greeting", "hi");

    ConfigMap edited = settings();
    edited.getData().put("greeting", "by hand");
    client.resource(edited).update();
    RunResult check = engine.check();
    assertThat(check.plan().drifted())
        .extracting(ResourceKey::value)
        .containsExactly("core/ConfigMap/" + namespace + "/settings");
    assertThat(engine.sync().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(settings().getData()).containsEntry("greeting", "hi");

    String withoutSettings =
        manifests("hi").replaceAll("(?s)---\napiVersion: v1\nkind: ConfigMap.*?---\n", "---\n");
    repo.commit(Map.of("deploy/app.yaml", withoutSettings), "drop settings");
    RunResult prune = engine.sync();
    assertThat(prune.status()).as(String.valueOf(prune.error())).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(prune.plan().changes())
        .extracting(c -> c.action())
        .containsExactly(ChangeAction.DELETE);
    assertThat(engine.sync().status()).isEqualTo(RunStatus.NO_OP);
  }
}
