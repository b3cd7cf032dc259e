package io.driftless.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.TargetSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler end to end with the kubernetes target and the manifests renderer, against
 * fabric8's mock API server in CRUD mode behind {@link MockCluster}'s apply-as-create-or-replace
 * dispatcher (an approximation of server-side apply; see there).
 */
class KubernetesReconcileTest extends MockClusterTestBase {
  private KubernetesClient client;

  @BeforeEach
  void setUp() {
    client = cluster.client();
    engine.register(new RendererSpec.Manifests(), KubernetesEngine.target(Duration.ofSeconds(30)));
    engine.onHealthPoll(this::deploymentsBecomeAvailable);
  }

  /** What the Deployment controller would write once the pods are up. */
  private void deploymentsBecomeAvailable() {
    for (Deployment d : client.apps().deployments().inNamespace("web").list().getItems()) {
      int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
      d.setStatus(
          new DeploymentStatusBuilder()
              .withReplicas(replicas)
              .withUpdatedReplicas(replicas)
              .withAvailableReplicas(replicas)
              .withReadyReplicas(replicas)
              .withObservedGeneration(d.getMetadata().getGeneration())
              .build());
      client.resource(d).update();
    }
  }

  private void commitApp() {
    repo.commit(
        Map.of(
            "deploy/app.yaml",
            DEPLOYMENT + "---\n" + CONFIG,
            "deploy/namespace.yaml",
            NAMESPACE,
            "deploy/README.md",
            "not a manifest"),
        "app");
  }

  private ConfigMap configMap() {
    return client.configMaps().inNamespace("web").withName("settings").get();
  }

  @Test
  void createsObjectsNamespaceFirstWithTheManagedByLabels() {
    commitApp();

    RunResult run = engine.sync();

    assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.plan().changes())
        .extracting(Change::key)
        .extracting(ResourceKey::value)
        .containsExactly(
            "apps/Deployment/web/app", "core/ConfigMap/web/settings", "core/Namespace/_/web");
    assertThat(cluster.writes().stream().filter(w -> w.startsWith("PATCH")).toList())
        .containsExactly(
            "PATCH /api/v1/namespaces/web",
            "PATCH /apis/apps/v1/namespaces/web/deployments/app",
            "PATCH /api/v1/namespaces/web/configmaps/settings");
    assertThat(configMap().getData()).containsEntry("greeting", "hello");
    assertThat(configMap().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "driftless")
        .containsEntry("driftless.io/environment", "web");
    assertThat(run.health().health()).isEqualTo(Health.HEALTHY);
    assertThat(engine.store().get(KubernetesEngine.ENV).keys()).hasSize(3);
  }

  @Test
  void aSecondSyncPlansNothingEvenWithServerFilledFields() {
    commitApp();
    assertThat(engine.sync().status()).isEqualTo(RunStatus.SUCCEEDED);
    // What an API server and controllers add: defaults, bookkeeping, annotations, status.
    Deployment d = client.apps().deployments().inNamespace("web").withName("app").get();
    d.getSpec().setRevisionHistoryLimit(10);
    d.getSpec().setProgressDeadlineSeconds(600);
    d.getSpec().getTemplate().getSpec().setDnsPolicy("ClusterFirst");
    d.getSpec().getTemplate().getSpec().getContainers().get(0).setImagePullPolicy("IfNotPresent");
    d.getMetadata().getAnnotations().put("deployment.kubernetes.io/revision", "1");
    d.getMetadata().setGeneration(1L);
    client.resource(d).update();
    cluster.clearWrites();

    RunResult second = engine.sync();

    assertThat(second.status()).isEqualTo(RunStatus.NO_OP);
    assertThat(second.plan().changes()).isEmpty();
    assertThat(second.plan().drifted()).isEmpty();
    assertThat(cluster.writes()).isEmpty();
  }

  @Test
  void updatesWhatGitChanged() {
    commitApp();
    engine.sync();
    repo.commit(
        Map.of("deploy/app.yaml", DEPLOYMENT + "---\n" + CONFIG.replace("hello", "hi")), "hi");

    RunResult run = engine.sync();

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.plan().changes()).hasSize(1);
    Change change = run.plan().changes().get(0);
    assertThat(change.key().value()).isEqualTo("core/ConfigMap/web/settings");
    assertThat(change.action()).isEqualTo(ChangeAction.UPDATE);
    assertThat(change.drift()).isFalse();
    assertThat(run.plan().drifted()).isEmpty();
    assertThat(configMap().getData()).containsEntry("greeting", "hi");
  }

  @Test
  void aHandEditIsDriftThatASyncReverts() {
    commitApp();
    engine.sync();
    ConfigMap edited = configMap();
    edited.getData().put("greeting", "edited by hand");
    client.resource(edited).update();

    RunResult check = engine.check();

    assertThat(check.plan().drifted())
        .extracting(ResourceKey::value)
        .containsExactly("core/ConfigMap/web/settings");
    assertThat(check.plan().changes())
        .singleElement()
        .satisfies(c -> assertThat(c.drift()).isTrue());
    assertThat(check.outcomes())
        .singleElement()
        .satisfies(o -> assertThat(o.result()).isEqualTo(ResourceOutcome.Result.SKIPPED));
    assertThat(configMap().getData()).containsEntry("greeting", "edited by hand");

    RunResult sync = engine.sync();

    assertThat(sync.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(configMap().getData()).containsEntry("greeting", "hello");
    assertThat(engine.sync().status()).isEqualTo(RunStatus.NO_OP);
  }

  @Test
  void prunesWhatLeftGitButNotWhatIsAnnotatedOrNotOurs() {
    String kept =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: kept
          annotations:
            driftless.io/prune: disabled
        data: {a: b}
        """;
    repo.commit(
        Map.of("deploy/namespace.yaml", NAMESPACE, "deploy/config.yaml", CONFIG + "---\n" + kept),
        "two");
    assertThat(engine.sync().status()).isEqualTo(RunStatus.SUCCEEDED);
    repo.delete("deploy/config.yaml");
    repo.commit("remove the config maps");
    cluster.clearWrites();

    RunResult run = engine.sync();

    assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.plan().changes()).extracting(Change::action).containsOnly(ChangeAction.DELETE);
    assertThat(run.plan().drifted()).isEmpty();
    assertThat(configMap()).isNull();
    assertThat(client.configMaps().inNamespace("web").withName("kept").get()).isNotNull();
    assertThat(cluster.writes())
        .containsExactly("DELETE /api/v1/namespaces/web/configmaps/settings");
    assertThat(engine.store().get(KubernetesEngine.ENV).keys())
        .extracting(ResourceKey::value)
        .containsExactly("core/Namespace/_/web");
  }

  @Test
  void deletesRunInReverseOrderWorkloadBeforeNamespace() {
    engine.register(
        new RendererSpec.Manifests(),
        KubernetesEngine.target(Duration.ofSeconds(30))
            .withScope(List.of("web", "default"), KubernetesEngine.WITH_NAMESPACE));
    commitApp();
    engine.sync();
    repo.delete("deploy/app.yaml").delete("deploy/namespace.yaml");
    repo.commit(
        Map.of(
            "deploy/other.yaml",
            CONFIG
                .replace("settings", "other")
                .replace("metadata:", "metadata:\n  namespace: default")),
        "move out");
    cluster.clearWrites();

    RunResult run = engine.sync();

    assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(cluster.writes())
        .containsExactly(
            "PATCH /api/v1/namespaces/default/configmaps/other",
            "DELETE /api/v1/namespaces/web/configmaps/settings",
            "DELETE /apis/apps/v1/namespaces/web/deployments/app",
            "DELETE /api/v1/namespaces/web");
  }

  @Test
  void syncWavesOrderWithinTheRest() {
    String early =
        CONFIG.replace(
            "name: settings", "name: early\n  annotations:\n    driftless.io/sync-wave: \"-1\"");
    String late =
        CONFIG.replace(
            "name: settings", "name: a-late\n  annotations:\n    driftless.io/sync-wave: \"5\"");
    repo.commit(
        Map.of(
            "deploy/namespace.yaml",
            NAMESPACE,
            "deploy/c.yaml",
            late + "---\n" + CONFIG + "---\n" + early),
        "waves");

    assertThat(engine.sync().status()).isEqualTo(RunStatus.SUCCEEDED);

    assertThat(cluster.writes())
        .containsExactly(
            "PATCH /api/v1/namespaces/web",
            "PATCH /api/v1/namespaces/web/configmaps/early",
            "PATCH /api/v1/namespaces/web/configmaps/settings",
            "PATCH /api/v1/namespaces/web/configmaps/a-late");
  }

  @Test
  void ignoreRulesHideDifferencesAtTheirPointers() {
    engine.register(
        new RendererSpec.Manifests(),
        new TargetSpec.Kubernetes(
                null,
                null,
                "web",
                true,
                null,
                Duration.ofSeconds(30),
                List.of(
                    new TargetSpec.IgnoreDifferences(
                        "apps", "Deployment", null, "app", List.of("/spec/replicas"))))
            .withScope(null, KubernetesEngine.WITH_NAMESPACE));
    commitApp();
    engine.sync();
    Deployment d = client.apps().deployments().inNamespace("web").withName("app").get();
    d.getSpec().setReplicas(5); // an autoscaler's doing
    client.resource(d).update();

    RunResult check = engine.check();

    assertThat(check.plan().changes()).isEmpty();
    assertThat(check.plan().drifted()).isEmpty();
  }

  @Test
  void healthWaitsForTheStatusTheControllerWrites() {
    commitApp();
    engine.onHealthPoll(() -> {});

    RunResult stuck = engine.sync();

    assertThat(stuck.status()).isEqualTo(RunStatus.FAILED);
    assertThat(stuck.health().health()).isEqualTo(Health.PROGRESSING);
    assertThat(stuck.health().message())
        .contains("apps/Deployment/web/app", "has not observed the new spec");
    assertThat(stuck.error().code()).isEqualTo("target.unhealthy");

    engine.onHealthPoll(this::deploymentsBecomeAvailable);
    repo.commit(
        Map.of(
            "deploy/app.yaml", DEPLOYMENT.replace("replicas: 2", "replicas: 3") + "---\n" + CONFIG),
        "3");

    RunResult healthy = engine.sync();

    assertThat(healthy.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(healthy.health().health()).isEqualTo(Health.HEALTHY);
  }

  @Test
  void aFailedJobIsDegradedAtOnce() {
    String job =
        """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: migrate
          namespace: web
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: migrate
                  image: busybox
        """;
    repo.commit(Map.of("deploy/namespace.yaml", NAMESPACE, "deploy/job.yaml", job), "job");
    engine.onHealthPoll(
        () -> {
          Job j = client.batch().v1().jobs().inNamespace("web").withName("migrate").get();
          j.setStatus(
              new JobStatusBuilder()
                  .withConditions(
                      new JobConditionBuilder()
                          .withType("Failed")
                          .withStatus("True")
                          .withMessage("BackoffLimitExceeded")
                          .build())
                  .build());
          client.resource(j).update();
        });

    RunResult run = engine.sync();

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.health().health()).isEqualTo(Health.DEGRADED);
    assertThat(run.health().message()).contains("batch/Job/web/migrate", "BackoffLimitExceeded");
  }
}
