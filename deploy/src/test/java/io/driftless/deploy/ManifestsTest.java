package io.driftless.deploy;

import static io.driftless.deploy.DeployFiles.COMPOSE;
import static io.driftless.deploy.DeployFiles.DOCKERFILE;
import static io.driftless.deploy.DeployFiles.H2_CONFIG;
import static io.driftless.deploy.DeployFiles.HA_CONFIG;
import static io.driftless.deploy.DeployFiles.KUBERNETES;
import static io.driftless.deploy.DeployFiles.MODULE;
import static io.driftless.deploy.DeployFiles.REPOSITORY;
import static io.driftless.deploy.DeployFiles.at;
import static io.driftless.deploy.DeployFiles.read;
import static io.driftless.deploy.DeployFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.config.DriftlessConfiguration;
import io.driftless.api.metrics.MetricsEndpoint;
import io.driftless.deploy.DeployFiles.Ports;
import io.dropwizard.metrics.servlets.AdminServlet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image, compose file, Kubernetes manifests and systemd unit name the image, ports,
 * health paths, configuration and secrets the server really uses: every expected value is read from
 * the server's configuration class, its default configuration, the example configurations or the
 * application's constants, never copied into this test.
 */
@SuppressWarnings("unchecked") // YAML read as maps and lists
class ManifestsTest {
  /** The image the build tags; its tag is the project version. */
  static final String IMAGE = "driftless:" + System.getProperty("driftless.version");

  /** What a Secret reference reads as when a configuration is loaded: a well-formed token. */
  private static final String SECRET_STANDIN = "dlt_" + "s".repeat(43);

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  @TempDir Path dir;

  // ---------------------------------------------------------------- example configurations

  @Test
  void examplesListenWhereTheDefaultsAndDocsSay() {
    Ports defaults = Ports.of(DeployFiles.defaults());
    assertThat(Ports.of(DeployFiles.configuration(H2_CONFIG))).isEqualTo(defaults);
    assertThat(Ports.of(DeployFiles.configuration(HA_CONFIG))).isEqualTo(defaults);
    assertThat(DeployFiles.configuration(H2_CONFIG).getScheduler().clustered()).isFalse();
    DriftlessConfiguration ha = DeployFiles.configuration(HA_CONFIG);
    assertThat(ha.getScheduler().clustered()).isTrue();
    assertThat(ha.getDatabase().url()).startsWith("jdbc:postgresql:");
    assertThat(ha.getDatabase().keyEnv()).isNotBlank();
  }

  // ---------------------------------------------------------------- Dockerfile

  @Test
  void dockerfileBuildsTheLauncherJarAndRunsItAsTheShippedConfigurationSays() throws IOException {
    List<String[]> instructions = dockerInstructions();
    List<Integer> stages = new ArrayList<>();
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i)[0].equals("FROM")) {
        stages.add(i);
      }
    }
    assertThat(stages).as("a builder stage and a runtime stage").hasSize(2);
    List<String[]> build = instructions.subList(stages.get(0), stages.get(1));
    List<String[]> runtime = instructions.subList(stages.get(1), instructions.size());
    assertThat(build.get(0)[1]).startsWith("eclipse-temurin:17-jdk").endsWith(" AS build");
    assertThat(runtime.get(0)[1]).isEqualTo("eclipse-temurin:17-jre");

    // The builder runs the project's wrapper and keeps the jar the ./driftless launcher runs.
    String launcherJar = launcherJar();
    String buildRun = argument(build, "RUN");
    assertThat(buildRun).contains("./mvnw ").contains(" package").contains("cp " + launcherJar);
    assertThat(Files.isExecutable(REPOSITORY.resolve("mvnw"))).isTrue();
    String jarInImage = argument(runtime, "COPY", "--from=build").split("\\s+")[2];

    // The configuration the image runs, with the image's environment, gives ports and data dir.
    Map<String, String> env = dockerEnv(runtime);
    String[] configCopy = argument(runtime, "COPY", "deploy/config/").split("\\s+");
    Path shipped = REPOSITORY.resolve(configCopy[0]);
    assertThat(shipped).isEqualTo(H2_CONFIG);
    DriftlessConfiguration config = loadWith(shipped, env);
    Ports ports = Ports.of(config);

    assertThat(argument(runtime, "EXPOSE").split("\\s+"))
        .containsExactlyInAnyOrder(
            String.valueOf(ports.application()), String.valueOf(ports.admin()));
    assertThat(argument(runtime, "HEALTHCHECK"))
        .contains("http://127.0.0.1:" + ports.admin() + AdminServlet.DEFAULT_HEALTHCHECK_URI + " ");
    assertThat(argument(runtime, "VOLUME")).isEqualTo("[\"" + config.dataDir() + "\"]");
    assertThat(argument(runtime, "WORKDIR")).isEqualTo(config.dataDir().toString());

    String user = argument(runtime, "USER");
    assertThat(user).matches("[1-9][0-9]*:[1-9][0-9]*");
    assertThat(argument(runtime, "ENTRYPOINT"))
        .isEqualTo("[\"/usr/bin/tini\", \"--\", \"java\", \"-jar\", \"" + jarInImage + "\"]");
    assertThat(argument(runtime, "CMD")).isEqualTo("[\"server\", \"" + configCopy[1] + "\"]");
    assertThat(read(DOCKERFILE)).contains("-t " + IMAGE + " .");
  }

  // ---------------------------------------------------------------- docker-compose.yml

  @Test
  void composeRunsTwoReplicasOnPostgresWithOneSecretsKey() throws IOException {
    Map<String, Object> compose = yaml(COMPOSE);
    Map<String, Object> services = at(compose, "services");
    List<String> replicas = composeDriftlessServices();
    assertThat(replicas).hasSize(2);
    Object sharedKey = null;
    Set<String> published = new TreeSet<>();
    for (String name : replicas) {
      Map<String, Object> service = at(services, name);
      Path dockerfile =
          COMPOSE
              .getParent()
              .resolve((String) at(service, "build", "context"))
              .resolve((String) at(service, "build", "dockerfile"))
              .normalize();
      assertThat(dockerfile).isEqualTo(DOCKERFILE);

      // The mounted configuration, read with the service's environment, is the HA example.
      List<String> command = at(service, "command");
      Map<String, String> mounts = bindMounts(service);
      assertThat(mounts).containsEntry(command.get(1), "./config/driftless-ha.yml");
      Map<String, String> env = imageEnv();
      env.putAll(stringMap(at(service, "environment")));
      DriftlessConfiguration config = loadWith(HA_CONFIG, env);
      assertThat(command.get(0)).isEqualTo("server");
      assertThat(config.getScheduler().clustered()).isTrue();
      assertThat(config.getDatabase().url()).contains("//postgres:");
      assertThat(services).containsKey("postgres");
      assertThat(undefinedVariables(HA_CONFIG, env)).isEmpty();

      String keyEnv = config.getDatabase().keyEnv();
      assertThat(env).containsKey(keyEnv);
      if (sharedKey != null) {
        assertThat(env.get(keyEnv))
            .as("the same secrets key for every replica")
            .isEqualTo(sharedKey);
      }
      sharedKey = env.get(keyEnv);
      assertThat(env.get(keyEnv)).startsWith("${" + keyEnv + ":?");

      Ports ports = Ports.of(config);
      List<String> portMappings = at(service, "ports");
      assertThat(portMappings).hasSize(1);
      assertThat(portMappings.get(0)).endsWith(":" + ports.application());
      published.add(portMappings.get(0).split(":")[0]);
      assertThat(String.join(" ", (List<String>) at(service, "healthcheck", "test")))
          .contains("http://127.0.0.1:" + ports.admin() + AdminServlet.DEFAULT_HEALTHCHECK_URI);
      assertThat(namedVolumes(service)).containsKey(config.dataDir().toString());
    }
    assertThat(published).as("each replica on its own host port").hasSize(2);

    // Prometheus and Grafana get files that exist.
    for (String name : List.of("prometheus", "grafana")) {
      for (String source : bindMounts(at(services, name)).values()) {
        assertThat(COMPOSE.getParent().resolve(source)).exists();
      }
    }
  }

  /** The compose services that run the Driftless image. */
  static List<String> composeDriftlessServices() {
    Map<String, Object> services = at(yaml(COMPOSE), "services");
    List<String> names = new ArrayList<>();
    services.forEach(
        (name, service) -> {
          if (IMAGE.equals(((Map<?, ?>) service).get("image"))) {
            names.add(name);
          }
        });
    return names;
  }

  // ---------------------------------------------------------------- Kubernetes

  @Test
  void kubernetesRunsTwoReplicasProbedOnTheRealHealthEndpoints() throws IOException {
    Map<String, Map<String, Object>> byKind = kubernetesObjects();
    assertThat(byKind)
        .containsKeys(
            "Deployment", "Service", "ConfigMap", "PodDisruptionBudget", "ServiceAccount");

    Map<String, Object> deployment = byKind.get("Deployment");
    assertThat((Integer) at(deployment, "spec", "replicas")).isEqualTo(2);
    Map<String, Object> pod = at(deployment, "spec", "template", "spec");
    Map<String, Object> container = at(pod, "containers", 0);
    assertThat((String) at(container, "image")).isEqualTo(IMAGE);

    // The ConfigMap's configuration, mounted where the container's argument points.
    Map<String, Object> configMap = byKind.get("ConfigMap");
    Map<String, String> mountPaths = new HashMap<>();
    for (Map<String, Object> mount : (List<Map<String, Object>>) at(container, "volumeMounts")) {
      mountPaths.put(at(mount, "name"), at(mount, "mountPath"));
    }
    String configVolume = null;
    for (Map<String, Object> volume : (List<Map<String, Object>>) at(pod, "volumes")) {
      if (volume.containsKey("configMap")
          && at(volume, "configMap", "name").equals(at(configMap, "metadata", "name"))) {
        configVolume = at(volume, "name");
      }
    }
    assertThat(configVolume).isNotNull();
    Map<String, String> data = at(configMap, "data");
    assertThat(data).hasSize(1);
    String fileName = data.keySet().iterator().next();
    List<String> args = at(container, "args");
    assertThat(args).containsExactly("server", mountPaths.get(configVolume) + "/" + fileName);

    Path configFile = dir.resolve(fileName);
    Files.writeString(configFile, data.get(fileName));
    Map<String, String> env = imageEnv();
    env.putAll(kubernetesEnv(container));
    assertThat(undefinedVariables(configFile, env)).isEmpty();
    DriftlessConfiguration config = loadWith(configFile, env);
    assertThat(config.getScheduler().clustered()).isTrue();
    assertThat(config.getDatabase().url()).startsWith("jdbc:postgresql:");
    assertThat(env).containsEntry(config.getDatabase().keyEnv(), "secret:driftless/secrets-key");
    assertThat(env).containsEntry("DRIFTLESS_DB_PASSWORD", "secret:driftless/db-password");
    assertThat(env).containsEntry("DRIFTLESS_ADMIN_TOKEN", "secret:driftless/admin-token");
    assertThat(config.getAuth().adminToken()).isEqualTo(SECRET_STANDIN);
    assertThat(mountPaths).containsValue(config.dataDir().toString());

    // Ports, probes and scrape annotations.
    Ports ports = Ports.of(config);
    Map<String, Integer> containerPorts = new LinkedHashMap<>();
    for (Map<String, Object> port : (List<Map<String, Object>>) at(container, "ports")) {
      containerPorts.put(at(port, "name"), at(port, "containerPort"));
    }
    assertThat(containerPorts)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("http", ports.application(), "admin", ports.admin()));
    assertProbe(
        container, "livenessProbe", AdminServlet.DEFAULT_PING_URI, ports.admin(), containerPorts);
    assertProbe(
        container, "startupProbe", AdminServlet.DEFAULT_PING_URI, ports.admin(), containerPorts);
    assertProbe(
        container,
        "readinessProbe",
        AdminServlet.DEFAULT_HEALTHCHECK_URI,
        ports.admin(),
        containerPorts);
    Map<String, String> annotations = at(deployment, "spec", "template", "metadata", "annotations");
    assertThat(annotations)
        .containsEntry("prometheus.io/port", String.valueOf(ports.application()))
        .containsEntry("prometheus.io/path", MetricsEndpoint.PATH);

    // Resources and a non-root user: the image's.
    assertThat((Map<String, Object>) at(container, "resources", "requests"))
        .containsKeys("cpu", "memory");
    assertThat((Boolean) at(pod, "securityContext", "runAsNonRoot")).isTrue();
    String imageUser = argument(dockerInstructions(), "USER");
    assertThat(
            at(pod, "securityContext", "runAsUser")
                + ":"
                + at(pod, "securityContext", "runAsGroup"))
        .isEqualTo(imageUser);
    assertThat((Boolean) at(container, "securityContext", "allowPrivilegeEscalation")).isFalse();

    // The Service sends its port to the application connector; the budget keeps one replica.
    Map<String, Object> service = byKind.get("Service");
    Map<String, String> selector = at(deployment, "spec", "selector", "matchLabels");
    assertThat((Map<String, String>) at(service, "spec", "selector")).isEqualTo(selector);
    Object target = at(service, "spec", "ports", 0, "targetPort");
    assertThat(target instanceof String name ? containerPorts.get(name) : target)
        .isEqualTo(ports.application());
    Map<String, Object> budget = byKind.get("PodDisruptionBudget");
    assertThat((Map<String, String>) at(budget, "spec", "selector", "matchLabels"))
        .isEqualTo(selector);
    assertThat((Integer) at(budget, "spec", "minAvailable")).isEqualTo(1);
  }

  @Test
  void kustomizationListsEveryManifest() throws IOException {
    List<String> resources = at(yaml(KUBERNETES.resolve("kustomization.yaml")), "resources");
    try (Stream<Path> files = Files.list(KUBERNETES)) {
      assertThat(resources)
          .containsExactlyInAnyOrderElementsOf(
              files
                  .map(f -> f.getFileName().toString())
                  .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
                  .toList());
    }
  }

  // ---------------------------------------------------------------- systemd

  @Test
  void systemdUnitRunsTheJarWithTheConfigurationAsAnUnprivilegedUser() {
    String unit = read(MODULE.resolve("systemd/driftless.service"));
    Map<String, String> settings = new HashMap<>();
    for (String line : unit.split("\n")) {
      if (!line.startsWith("#") && line.contains("=")) {
        settings.putIfAbsent(
            line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    assertThat(settings.get("User")).isNotBlank().isNotEqualTo("root");
    String data = settings.get("Environment").replace("DRIFTLESS_DATA_DIR=", "");
    assertThat(settings.get("ExecStart"))
        .matches("/usr/bin/java -jar \\S+\\.jar server \\S+\\.yml");
    assertThat(unit).contains("ReadWritePaths=" + data).contains("StateDirectory=driftless");
    assertThat(data).isEqualTo("/var/lib/driftless");
  }

  // ---------------------------------------------------------------- helpers

  private static void assertProbe(
      Map<String, Object> container,
      String probe,
      String path,
      int port,
      Map<String, Integer> containerPorts) {
    assertThat((String) at(container, probe, "httpGet", "path")).as(probe).isEqualTo(path);
    Object probePort = at(container, probe, "httpGet", "port");
    assertThat(probePort instanceof String name ? containerPorts.get(name) : probePort)
        .as(probe)
        .isEqualTo(port);
  }

  /** Each manifest by kind (one object of each kind). */
  private static Map<String, Map<String, Object>> kubernetesObjects() throws IOException {
    Map<String, Map<String, Object>> byKind = new HashMap<>();
    try (Stream<Path> files = Files.list(KUBERNETES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (Map<String, Object> object : DeployFiles.yamlDocuments(file)) {
          assertThat(object).as(file.toString()).containsKeys("apiVersion", "kind");
          String kind = at(object, "kind");
          if (!kind.equals("Kustomization") && !kind.equals("Namespace")) {
            assertThat((String) at(object, "metadata", "namespace")).isEqualTo("driftless");
          }
          assertThat(byKind.put(kind, object)).as("one " + kind).isNull();
        }
      }
    }
    return byKind;
  }

  /** The container's environment: plain values, and {@code secret:<name>/<key>} references. */
  private static Map<String, String> kubernetesEnv(Map<String, Object> container) {
    Map<String, String> env = new HashMap<>();
    for (Map<String, Object> variable : (List<Map<String, Object>>) at(container, "env")) {
      String name = at(variable, "name");
      if (variable.containsKey("valueFrom")) {
        env.put(
            name,
            "secret:"
                + at(variable, "valueFrom", "secretKeyRef", "name")
                + "/"
                + at(variable, "valueFrom", "secretKeyRef", "key"));
      } else {
        env.put(name, at(variable, "value"));
      }
    }
    return env;
  }

  /** Variables the file needs that have no default and are not in {@code env}. */
  private static Set<String> undefinedVariables(Path config, Map<String, String> env) {
    Set<String> missing = new TreeSet<>();
    Matcher m = VARIABLE.matcher(read(config));
    while (m.find()) {
      if (m.group(2) == null && !env.containsKey(m.group(1))) {
        missing.add(m.group(1));
      }
    }
    return missing;
  }

  /** The configuration as the server reads it with {@code env} as its environment. */
  private DriftlessConfiguration loadWith(Path config, Map<String, String> env) throws IOException {
    StringBuilder out = new StringBuilder();
    Matcher m = VARIABLE.matcher(read(config));
    while (m.find()) {
      String value = env.containsKey(m.group(1)) ? env.get(m.group(1)) : m.group(2);
      if (value != null && value.startsWith("secret:")) {
        value = SECRET_STANDIN;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    Path file = Files.createTempFile(dir, "config", ".yml");
    Files.writeString(file, out.toString());
    return DeployFiles.configuration(file);
  }

  private static Map<String, String> bindMounts(Map<String, Object> service) {
    Map<String, String> mounts = new HashMap<>();
    for (String volume : (List<String>) at(service, "volumes")) {
      String[] parts = volume.split(":");
      if (parts[0].startsWith(".")) {
        mounts.put(parts[1], parts[0]);
      }
    }
    return mounts;
  }

  private static Map<String, String> namedVolumes(Map<String, Object> service) {
    Map<String, String> mounts = new HashMap<>();
    for (String volume : (List<String>) at(service, "volumes")) {
      String[] parts = volume.split(":");
      if (!parts[0].startsWith(".") && !parts[0].startsWith("/")) {
        mounts.put(parts[1], parts[0]);
      }
    }
    return mounts;
  }

  private static Map<String, String> stringMap(Map<String, Object> map) {
    Map<String, String> strings = new HashMap<>();
    map.forEach((k, v) -> strings.put(k, String.valueOf(v)));
    return strings;
  }

  /** The Dockerfile's instructions with continuation lines joined: {keyword, arguments}. */
  private static List<String[]> dockerInstructions() {
    List<String[]> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : read(DOCKERFILE).split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String text = current.toString().strip();
      current.setLength(0);
      if (!text.isEmpty()) {
        int space = text.indexOf(' ');
        instructions.add(
            new String[] {text.substring(0, space), text.substring(space + 1).strip()});
      }
    }
    return instructions;
  }

  /** The arguments of the one instruction with this keyword (and argument prefix). */
  private static String argument(List<String[]> instructions, String keyword, String... prefix) {
    List<String> found = new ArrayList<>();
    for (String[] instruction : instructions) {
      if (instruction[0].equals(keyword)
          && (prefix.length == 0 || instruction[1].startsWith(prefix[0]))) {
        found.add(instruction[1]);
      }
    }
    assertThat(found).as(keyword + " " + String.join(" ", prefix)).hasSize(1);
    return found.get(0);
  }

  /** The environment the image sets for the server. */
  private static Map<String, String> imageEnv() {
    List<String[]> instructions = dockerInstructions();
    int runtime = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i)[0].equals("FROM")) {
        runtime = i;
      }
    }
    return dockerEnv(instructions.subList(runtime, instructions.size()));
  }

  private static Map<String, String> dockerEnv(List<String[]> instructions) {
    Map<String, String> env = new HashMap<>();
    Matcher m =
        Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)")
            .matcher(argument(instructions, "ENV"));
    while (m.find()) {
      env.put(m.group(1), m.group(2).replace("\"", ""));
    }
    return env;
  }

  /** The jar the ./driftless launcher runs, relative to the repository. */
  private static String launcherJar() {
    Matcher m =
        Pattern.compile("jar=\"\\$here/(\\S+\\.jar)\"")
            .matcher(read(REPOSITORY.resolve("driftless")));
    assertThat(m.find()).as("the launcher names its jar").isTrue();
    return m.group(1);
  }
}
