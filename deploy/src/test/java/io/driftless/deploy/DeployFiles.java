package io.driftless.deploy;

import io.driftless.api.config.ConfigurationFiles;
import io.driftless.api.config.DriftlessConfiguration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The deploy module's files, read as the tools that use them read them. */
final class DeployFiles {
  /** Surefire and Failsafe run in the module directory. */
  static final Path MODULE = Path.of("").toAbsolutePath();

  static final Path REPOSITORY = MODULE.getParent();
  static final Path H2_CONFIG = MODULE.resolve("config/driftless-h2.yml");
  static final Path HA_CONFIG = MODULE.resolve("config/driftless-ha.yml");
  static final Path ALERTS = MODULE.resolve("prometheus/alerts.yml");
  static final Path PROMETHEUS = MODULE.resolve("prometheus/prometheus.yml");
  static final Path DASHBOARD = MODULE.resolve("grafana/dashboards/driftless.json");
  static final Path COMPOSE = MODULE.resolve("docker-compose.yml");
  static final Path DOCKERFILE = MODULE.resolve("Dockerfile");
  static final Path KUBERNETES = MODULE.resolve("kubernetes");

  private DeployFiles() {}

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a YAML file, with merge keys ({@code <<: *anchor}) resolved. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> yamlDocuments(Path file) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml(options).loadAll(read(file))) {
      if (document != null) {
        documents.add((Map<String, Object>) document);
      }
    }
    return documents;
  }

  static Map<String, Object> yaml(Path file) {
    List<Map<String, Object>> documents = yamlDocuments(file);
    if (documents.size() != 1) {
      throw new AssertionError(file + " should hold one YAML document, not " + documents.size());
    }
    return documents.get(0);
  }

  /** The value at a path of map keys and list indexes, e.g. {@code at(doc, "spec", "ports", 0)}. */
  @SuppressWarnings("unchecked")
  static <T> T at(Object node, Object... path) {
    Object current = node;
    for (Object step : path) {
      if (step instanceof Integer index) {
        current = ((List<Object>) current).get(index);
      } else {
        if (!(current instanceof Map<?, ?> map) || !map.containsKey(step)) {
          throw new AssertionError("no '" + step + "' in " + current);
        }
        current = map.get(step);
      }
    }
    return (T) current;
  }

  /** The configuration a file gives the server, read by the server's own configuration loader. */
  static DriftlessConfiguration configuration(Path file) {
    return ConfigurationFiles.load(file);
  }

  /** The server's configuration when no file is given. */
  static DriftlessConfiguration defaults() {
    return ConfigurationFiles.load(null);
  }

  /** The application and admin ports a configuration listens on. */
  record Ports(int application, int admin) {
    static Ports of(DriftlessConfiguration config) {
      DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
      return new Ports(port(server.getApplicationConnectors()), port(server.getAdminConnectors()));
    }

    private static int port(List<ConnectorFactory> connectors) {
      if (connectors.size() != 1 || !(connectors.get(0) instanceof HttpConnectorFactory http)) {
        throw new AssertionError("expected one HTTP connector: " + connectors);
      }
      return http.getPort();
    }
  }
}
