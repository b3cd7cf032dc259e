package io.driftless.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.kubernetes.target.KubernetesTargetFactory;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request an apply sends, checked against the mock API server in expectation mode. */
class ServerSideApplyRequestTest {
  private static final String PATH = "/api/v1/namespaces/web/configmaps/settings";
  private static final String CONFIG_MAP =
      "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"settings\","
          + "\"namespace\":\"web\"},\"data\":{\"a\":\"b\"}}";

  private KubernetesMockServer server;
  private NamespacedKubernetesClient client;

  @BeforeEach
  void setUp() {
    server = new KubernetesMockServer(false);
    server.init();
    client = server.createClient();
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.destroy();
  }

  private RecordedRequest apply(boolean force) throws InterruptedException {
    server
        .expect()
        .patch()
        .withPath(PATH + "?fieldManager=driftless" + (force ? "&force=true" : ""))
        .andReturn(
            200,
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .withNamespace("web")
                .endMetadata()
                .addToData("a", "b")
                .build())
        .once();
    TargetSpec.Kubernetes spec =
        new TargetSpec.Kubernetes(null, null, "web", force, null, Duration.ZERO, null);
    Environment environment = KubernetesEngine.web(spec);
    ResourceKey key = ResourceKey.of("core/ConfigMap/web/settings");
    new KubernetesTargetFactory(s -> client, Clock.systemUTC(), d -> {})
        .open(environment)
        .apply(
            List.of(
                Change.create(
                    new Resource(
                        key,
                        ResourceKind.OBJECT,
                        Content.of(CONFIG_MAP.getBytes(StandardCharsets.UTF_8))))));
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(server.getRequestCount()).isEqualTo(1);
    return request;
  }

  @Test
  void appliesWithTheApplyPatchTypeAsFieldManagerDriftlessWithForce() throws Exception {
    RecordedRequest request = apply(true);

    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertThat(request.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
    assertThat(request.getPath()).isEqualTo(PATH + "?fieldManager=driftless&force=true");
    assertThat(request.getUtf8Body())
        .contains("settings", "app.kubernetes.io/managed-by", "driftless.io/environment");
  }

  @Test
  void withoutForceConflictsTheApplyLeavesForceOut() throws Exception {
    RecordedRequest request = apply(false);

    assertThat(request.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
    assertThat(request.getPath()).isEqualTo(PATH + "?fieldManager=driftless");
  }
}
