package io.driftless.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * fabric8's KubernetesMockServer in CRUD mode, with a small dispatcher in front that answers a
 * server-side apply, which CRUD mode does not implement.
 *
 * <p><b>An approximation:</b> an apply ({@code PATCH} with content type {@code
 * application/apply-patch+yaml}) is answered as create-or-replace: the object is created when
 * absent, else replaced by the applied object, keeping the stored {@code status} (an apply never
 * writes status). A real API server merges the applied fields into the object, tracks field
 * ownership in {@code managedFields}, fills in defaults and refuses conflicts without {@code
 * force}; none of that happens here. The real-cluster test ({@code KubernetesClusterIT}) covers
 * those. Every write request is recorded, in order, for ordering assertions, and the path of every
 * read.
 */
public final class MockCluster implements AutoCloseable {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final ApplyAsCreateOrReplace dispatcher = new ApplyAsCreateOrReplace();
  private final KubernetesMockServer server;
  private final NamespacedKubernetesClient client;

  public MockCluster() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    client = server.createClient();
  }

  public NamespacedKubernetesClient client() {
    return client;
  }

  /** The data of the ConfigMap {@code namespace/name}; fails the test when there is none. */
  public Map<String, String> configMapData(String namespace, String name) {
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
    if (map == null) {
      throw new AssertionError("no ConfigMap " + namespace + "/" + name);
    }
    return map.getData();
  }

  /**
   * Writes a kubeconfig at {@code file} whose context {@code mock} (the current one) points at this
   * server with a plain token, and returns the file.
   */
  public java.nio.file.Path writeKubeconfig(java.nio.file.Path file) throws java.io.IOException {
    java.nio.file.Files.writeString(
        file,
        """
        {"apiVersion": "v1", "kind": "Config", "current-context": "mock",
         "clusters": [{"name": "mock", "cluster": {"server": "%s"}}],
         "users": [{"name": "test", "user": {"token": "not-a-secret"}}],
         "contexts": [{"name": "mock", "context": {"cluster": "mock", "user": "test"}}]}
        """
            .formatted(client.getConfiguration().getMasterUrl()));
    return file;
  }

  /** The write requests so far, as {@code METHOD path} without the query, in order. */
  public List<String> writes() {
    synchronized (dispatcher.writes) {
      return List.copyOf(dispatcher.writes);
    }
  }

  public void clearWrites() {
    synchronized (dispatcher.writes) {
      dispatcher.writes.clear();
    }
  }

  /** The paths (without the query) of the read requests so far, in order. */
  public List<String> reads() {
    synchronized (dispatcher.reads) {
      return List.copyOf(dispatcher.reads);
    }
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

  private static final class ApplyAsCreateOrReplace extends KubernetesCrudDispatcher {
    final List<String> writes = new ArrayList<>();
    final List<String> reads = new ArrayList<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      String resourcePath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
      String method = request.getMethod();
      if (!method.equals("GET")) {
        synchronized (writes) {
          writes.add(method + " " + resourcePath);
        }
      } else {
        synchronized (reads) {
          reads.add(resourcePath);
        }
      }
      String type = request.getHeader("Content-Type");
      if (method.equals("PATCH") && type != null && type.startsWith("application/apply-patch")) {
        return apply(resourcePath, SERIALIZATION.convertToJson(request.getUtf8Body()));
      }
      return super.dispatch(request);
    }

    private MockResponse apply(String path, String body) {
      MockResponse existing = handleGet(path);
      Headers headers = Headers.builder().add("Content-Type", "application/json").build();
      if (existing.code() == 404) {
        String collection = path.substring(0, path.lastIndexOf('/'));
        return handleCreate(
            new RecordedRequest(
                "HTTP/1.1", HttpMethod.POST, collection, headers, new Buffer().writeUtf8(body)));
      }
      ObjectNode applied = (ObjectNode) read(body);
      JsonNode status = read(existing.getBody().readUtf8()).get("status");
      if (status != null && !applied.has("status")) {
        applied.set("status", status);
      }
      return handleUpdate(
          new RecordedRequest(
              "HTTP/1.1",
              HttpMethod.PUT,
              path,
              headers,
              new Buffer().writeUtf8(applied.toString())));
    }

    private static JsonNode read(String json) {
      return CanonicalJson.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
