package io.driftless.kubernetes.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.render.RenderException;
import io.driftless.kubernetes.CanonicalJson;
import io.driftless.kubernetes.ObjectKey;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns parsed documents into desired resources, one per object, keyed {@link ObjectKey}. Every
 * object needs {@code apiVersion}, {@code kind} and {@code metadata.name}; an object twice is an
 * error; {@code kind: List} documents are expanded into their items. Namespaced objects that name
 * no namespace get the environment's default one, and cluster-scoped objects lose a namespace they
 * name, so each key is stable. Whether a kind is namespaced comes from the built-in types, or from
 * a CustomResourceDefinition among the same manifests; other custom kinds are taken to be
 * namespaced.
 */
final class Manifests {
  private static final KubernetesSerialization TYPES = new KubernetesSerialization();

  private record Parsed(String file, int line, String where, ObjectNode object) {}

  private final String defaultNamespace;
  private final List<Parsed> parsed = new ArrayList<>();
  private final Map<ResourceKey, String> origins = new HashMap<>();

  Manifests(Environment environment) {
    this.defaultNamespace =
        environment.target() instanceof TargetSpec.Kubernetes k
            ? k.namespace()
            : TargetSpec.Kubernetes.DEFAULT_NAMESPACE;
  }

  /** Adds the documents of one file (or command output), checking each object's shape. */
  void add(String file, List<ManifestParser.Document> documents) {
    for (ManifestParser.Document document : documents) {
      String where = "document " + document.index();
      JsonNode content = document.content();
      if (!content.isObject()) {
        throw new RenderException(file, document.line(), where + " is not an object");
      }
      ObjectNode object = (ObjectNode) content;
      String kind = text(object, "kind");
      if (kind != null && kind.endsWith("List") && object.get("items") != null) {
        JsonNode items = object.get("items");
        if (!items.isArray()) {
          throw new RenderException(file, document.line(), where + ": items is not a list");
        }
        for (int i = 0; i < items.size(); i++) {
          String item = where + " item " + (i + 1);
          if (!items.get(i).isObject()) {
            throw new RenderException(file, document.line(), item + " is not an object");
          }
          parsed.add(check(new Parsed(file, document.line(), item, (ObjectNode) items.get(i))));
        }
      } else {
        parsed.add(check(new Parsed(file, document.line(), where, object)));
      }
    }
  }

  private static Parsed check(Parsed p) {
    ObjectNode object = p.object();
    if (text(object, "apiVersion") == null) {
      throw new RenderException(p.file(), p.line(), p.where() + " has no apiVersion");
    }
    if (text(object, "kind") == null) {
      throw new RenderException(p.file(), p.line(), p.where() + " has no kind");
    }
    JsonNode metadata = object.get("metadata");
    if (metadata == null || !metadata.isObject() || text(metadata, "name") == null) {
      throw new RenderException(p.file(), p.line(), p.where() + " has no metadata.name");
    }
    String name = text(metadata, "name");
    String namespace = text(metadata, "namespace");
    if (name.contains("/") || (namespace != null && namespace.contains("/"))) {
      throw new RenderException(
          p.file(), p.line(), p.where() + ": a name or namespace cannot contain '/'");
    }
    if (metadata.has("generateName") && !metadata.has("name")) {
      throw new RenderException(p.file(), p.line(), p.where() + ": generateName is not supported");
    }
    return p;
  }

  /**
   * @throws RenderException naming both places of an object defined twice
   */
  SortedMap<ResourceKey, Resource> resources() {
    Set<String> clusterScopedCustomKinds = clusterScopedCustomKinds();
    SortedMap<ResourceKey, Resource> resources = new TreeMap<>();
    Map<ResourceKey, Parsed> origins = new HashMap<>();
    for (Parsed p : parsed) {
      ObjectNode object = p.object().deepCopy();
      String apiVersion = text(object, "apiVersion");
      String kind = text(object, "kind");
      String group = ObjectKey.groupOf(apiVersion);
      ObjectNode metadata = (ObjectNode) object.get("metadata");
      boolean namespaced = namespaced(apiVersion, kind, group, clusterScopedCustomKinds);
      if (namespaced) {
        if (text(metadata, "namespace") == null) {
          metadata.put("namespace", defaultNamespace);
        }
      } else {
        metadata.remove("namespace");
      }
      ObjectKey key =
          new ObjectKey(
              group, kind, namespaced ? text(metadata, "namespace") : null, text(metadata, "name"));
      ResourceKey resourceKey;
      try {
        resourceKey = key.toResourceKey();
      } catch (IllegalArgumentException e) {
        throw new RenderException(p.file(), p.line(), p.where() + ": " + e.getMessage());
      }
      Parsed first = origins.putIfAbsent(resourceKey, p);
      if (first != null) {
        throw new RenderException(
            p.file(),
            p.line(),
            p.where()
                + " defines "
                + resourceKey
                + " again (first in "
                + first.file()
                + ", "
                + first.where()
                + ")");
      }
      this.origins.put(resourceKey, p.file() + ", " + p.where());
      resources.put(
          resourceKey,
          new Resource(resourceKey, ResourceKind.OBJECT, Content.of(CanonicalJson.bytes(object))));
    }
    return resources;
  }

  /** Where each object of {@link #resources} was read: its file and document. */
  Map<ResourceKey, String> origins() {
    return Map.copyOf(origins);
  }

  /** Kinds of CustomResourceDefinitions among these manifests whose scope is Cluster. */
  private Set<String> clusterScopedCustomKinds() {
    Set<String> kinds = new HashSet<>();
    for (Parsed p : parsed) {
      ObjectNode object = p.object();
      if ("CustomResourceDefinition".equals(text(object, "kind"))
          && "Cluster".equals(object.path("spec").path("scope").asText())) {
        String group = object.path("spec").path("group").asText();
        String kind = object.path("spec").path("names").path("kind").asText();
        kinds.add(group + "/" + kind);
      }
    }
    return kinds;
  }

  private static boolean namespaced(
      String apiVersion, String kind, String group, Set<String> clusterScopedCustomKinds) {
    Class<? extends KubernetesResource> type =
        TYPES.getRegisteredKubernetesResource(apiVersion, kind);
    if (type != null
        && !type.getName().equals("io.fabric8.kubernetes.api.model.GenericKubernetesResource")) {
      return Namespaced.class.isAssignableFrom(type);
    }
    return !clusterScopedCustomKinds.contains(group + "/" + kind);
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }
}
