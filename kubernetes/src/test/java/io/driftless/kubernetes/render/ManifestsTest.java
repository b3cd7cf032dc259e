package io.driftless.kubernetes.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.render.RenderException;
import io.driftless.kubernetes.CanonicalJson;
import io.driftless.kubernetes.KubernetesEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class ManifestsTest {
  private final ManifestParser parser = new ManifestParser();

  private SortedMap<ResourceKey, Resource> render(String yaml) {
    Environment environment =
        KubernetesEngine.web(
            new TargetSpec.Kubernetes(null, null, "team-a", true, null, Duration.ZERO, null));
    Manifests manifests = new Manifests(environment);
    manifests.add("m.yaml", parser.parse("m.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    return manifests.resources();
  }

  private static JsonNode content(SortedMap<ResourceKey, Resource> resources, String key) {
    return CanonicalJson.read(resources.get(ResourceKey.of(key)).content().bytes());
  }

  @Test
  void namespacesAreDefaultedForNamespacedKindsAndDroppedForClusterScopedOnes() {
    SortedMap<ResourceKey, Resource> resources =
        render(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader, namespace: ignored}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: other}
            """);

    assertThat(resources.keySet())
        .extracting(ResourceKey::value)
        .containsExactly(
            "apps/Deployment/other/web",
            "core/ConfigMap/team-a/a",
            "rbac.authorization.k8s.io/ClusterRole/_/reader");
    assertThat(content(resources, "core/ConfigMap/team-a/a").at("/metadata/namespace").asText())
        .isEqualTo("team-a");
    assertThat(
            content(resources, "rbac.authorization.k8s.io/ClusterRole/_/reader")
                .at("/metadata/namespace")
                .isMissingNode())
        .isTrue();
  }

  @Test
  void customKindsAreNamespacedUnlessTheirDefinitionSaysCluster() {
    SortedMap<ResourceKey, Resource> resources =
        render(
            """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: backends.example.com}
            spec:
              group: example.com
              scope: Cluster
              names: {kind: Backend, plural: backends}
            ---
            apiVersion: example.com/v1
            kind: Backend
            metadata: {name: b}
            ---
            apiVersion: other.io/v1
            kind: Widget
            metadata: {name: w}
            """);

    assertThat(resources.keySet())
        .extracting(ResourceKey::value)
        .contains(
            "apiextensions.k8s.io/CustomResourceDefinition/_/backends.example.com",
            "example.com/Backend/_/b",
            "other.io/Widget/team-a/w");
  }

  @Test
  void listsAreExpandedAndTimestampsStayStrings() {
    SortedMap<ResourceKey, Resource> resources =
        render(
            """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: ConfigMap
                metadata: {name: one}
                data: {since: 2024-01-01, 1: one}
              - apiVersion: v1
                kind: ConfigMap
                metadata: {name: two}
            """);

    assertThat(resources).hasSize(2);
    JsonNode one = content(resources, "core/ConfigMap/team-a/one");
    assertThat(one.at("/data/since").isTextual()).isTrue();
    assertThat(one.at("/data/since").asText()).isEqualTo("2024-01-01");
    assertThat(one.at("/data/1").asText()).isEqualTo("one");
  }

  @Test
  void emptyDocumentsAreSkippedAndScalarsRefused() {
    assertThat(render("---\n---\n")).isEmpty();
    assertThatThrownBy(() -> render("just text\n"))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("document 1 is not an object");
  }

  @Test
  void aDeeplyNestedDocumentIsRefused() {
    String deep = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";
    assertThatThrownBy(() -> render(deep))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("not valid YAML");
  }
}
