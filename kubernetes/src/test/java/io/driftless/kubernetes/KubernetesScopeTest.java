package io.driftless.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.target.TargetConfigException;
import io.driftless.kubernetes.target.KubernetesLimits;
import io.driftless.kubernetes.target.KubernetesTargetFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An environment touches only the namespaces and kinds its target allows, within the server's
 * limits: anything else fails the run before the first write, naming the file and the object, and
 * the mock API server records no write at all.
 */
class KubernetesScopeTest extends MockClusterTestBase {
  static final String CLUSTER_ADMIN =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata:
        name: everyone-is-admin
      roleRef:
        apiGroup: rbac.authorization.k8s.io
        kind: ClusterRole
        name: cluster-admin
      subjects:
        - kind: Group
          name: system:authenticated
          apiGroup: rbac.authorization.k8s.io
      """;
  static final String KUBE_SYSTEM_DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: miner
        namespace: kube-system
      spec:
        selector:
          matchLabels: {app: miner}
        template:
          metadata:
            labels: {app: miner}
          spec:
            containers:
              - name: miner
                image: miner:1
      """;

  private static TargetSpec.Kubernetes web() {
    return new TargetSpec.Kubernetes(null, null, "web", true, null, Duration.ofSeconds(5), null);
  }

  private RunResult syncWith(TargetSpec.Kubernetes target, String file, String manifest) {
    engine.register(new RendererSpec.Manifests(), target);
    repo.commit(Map.of("deploy/settings.yaml", CONFIG, file, manifest), "change");
    return engine.sync();
  }

  @Test
  void aClusterRoleBindingIsRefusedAtValidateAndNothingIsWritten() {
    RunResult run = syncWith(web(), "deploy/rbac.yaml", CLUSTER_ADMIN);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().code()).isEqualTo("target.unsafe_resource");
    assertThat(run.error().details())
        .containsEntry("file", "rbac.yaml, document 1")
        .containsEntry(
            "object", "rbac.authorization.k8s.io/ClusterRoleBinding/_/everyone-is-admin");
    assertThat(run.error().message())
        .isEqualTo(
            "rbac.yaml, document 1: rbac.authorization.k8s.io/ClusterRoleBinding/_/"
                + "everyone-is-admin is outside environment web's scope: kind"
                + " rbac.authorization.k8s.io/ClusterRoleBinding is cluster-scoped, and"
                + " target.allowedKinds [*] does not name it");
    assertThat(cluster.writes()).isEmpty();
  }

  @Test
  void aDeploymentInKubeSystemIsRefusedAtValidateAndNothingIsWritten() {
    RunResult run = syncWith(web(), "deploy/miner.yaml", KUBE_SYSTEM_DEPLOYMENT);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().details())
        .containsEntry("file", "miner.yaml, document 1")
        .containsEntry("object", "apps/Deployment/kube-system/miner");
    assertThat(run.error().message())
        .endsWith("namespace kube-system is not in target.allowedNamespaces [web]");
    assertThat(cluster.writes()).isEmpty();
  }

  @Test
  void aNamespaceObjectNeedsItsKindListedAndItsNameAllowed() {
    String namespace = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n";
    RunResult unlisted = syncWith(web(), "deploy/ns.yaml", namespace);
    assertThat(unlisted.status()).isEqualTo(RunStatus.FAILED);
    assertThat(unlisted.error().message()).contains("kind Namespace is cluster-scoped");
    assertThat(cluster.writes()).isEmpty();

    String other = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-public\n";
    RunResult foreign =
        syncWith(web().withScope(null, KubernetesEngine.WITH_NAMESPACE), "deploy/ns.yaml", other);
    assertThat(foreign.error().message())
        .endsWith("namespace kube-public is not in target.allowedNamespaces [web]");
    assertThat(cluster.writes()).isEmpty();

    RunResult listed =
        syncWith(
            web().withScope(null, KubernetesEngine.WITH_NAMESPACE), "deploy/ns.yaml", namespace);
    assertThat(listed.status()).as(String.valueOf(listed.error())).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(cluster.writes())
        .containsExactly(
            "PATCH /api/v1/namespaces/web", "PATCH /api/v1/namespaces/web/configmaps/settings");
  }

  @Test
  void listedKindsAndNamespacesAreAllThatIsAllowed() {
    TargetSpec.Kubernetes scoped =
        web().withScope(List.of("web", "kube-system"), List.of("ConfigMap", "apps/Deployment"));
    syncWith(scoped, "deploy/miner.yaml", KUBE_SYSTEM_DEPLOYMENT);
    assertThat(cluster.writes())
        .contains("PATCH /apis/apps/v1/namespaces/kube-system/deployments/miner");

    String service =
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n";
    cluster.clearWrites();
    RunResult refused = syncWith(scoped, "deploy/service.yaml", service);
    assertThat(refused.error().message())
        .endsWith("kind Service is not in target.allowedKinds [ConfigMap, apps/Deployment]");
    assertThat(cluster.writes()).isEmpty();
  }

  @Test
  void theServerLimitsCapWhatAnEnvironmentMayBeGiven() {
    KubernetesTargetFactory capped =
        new KubernetesTargetFactory(
            spec -> cluster.client(),
            Clock.systemUTC(),
            d -> {},
            new KubernetesLimits(List.of("web", "api"), List.of("*")));
    try (capped) {
      capped.open(environment(web()));
      assertThatThrownBy(
              () -> capped.open(environment(web().withScope(List.of("kube-system"), null))))
          .isInstanceOfSatisfying(
              TargetConfigException.class,
              e -> assertThat(e.details()).containsEntry("field", "target.allowedNamespaces"))
          .hasMessageContaining("namespace kube-system is beyond what the server allows");
      assertThatThrownBy(
              () ->
                  capped.open(environment(web().withScope(null, KubernetesEngine.WITH_NAMESPACE))))
          .isInstanceOfSatisfying(
              TargetConfigException.class,
              e -> assertThat(e.details()).containsEntry("field", "target.allowedKinds"))
          .hasMessageContaining("kind Namespace is beyond what the server allows");
      assertThatThrownBy(
              () ->
                  capped.open(
                      environment(
                          new TargetSpec.Kubernetes(
                              null, null, "kube-system", true, null, null, null))))
          .hasMessageContaining("namespace kube-system is beyond what the server allows");
    }
  }

  private static Environment environment(TargetSpec.Kubernetes target) {
    return new Environment(
        KubernetesEngine.ENV,
        KubernetesEngine.SOURCE,
        "main",
        "deploy",
        new RendererSpec.Manifests(),
        null,
        target,
        SyncPolicy.defaults(),
        null);
  }
}
