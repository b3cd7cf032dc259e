package io.driftless.api;

import static io.driftless.api.CommandRequests.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The command policy through the REST API, on a server whose {@code commands} section is left at
 * its defaults: every command is refused with a 422 naming the field, and the run of an environment
 * registered before fails naming the command. {@link CommandAllowListIT} has the allow-list.
 */
class CommandsIT {
  @RegisterExtension static final TestServer OFF = new TestServer();
  private static CommandRequests requests;

  @BeforeAll
  static void source() {
    requests = new CommandRequests(OFF);
  }

  @Test
  void commandsOffPostApplyHealthCheckRenderCommandAndAKubeconfigExecEachGetA422()
      throws Exception {
    Api api = OFF.admin();
    String off = "commands are off on this server";

    refused(requests.register("postApply", "nginx -s reload"), "target.postApply", off);
    refused(requests.register("healthCheck", "curl -fsS localhost"), "target.healthCheck", off);
    refused(
        api.post(
            "/api/v1/environments",
            requests.environment(
                Map.of("type", "directory", "root", OFF.targets().resolve("k").toString()),
                Map.of(
                    "renderer",
                    "command",
                    "renderCommand",
                    Map.of("argv", List.of("kustomize", "build", "."))))),
        "renderCommand",
        off);
    Path ran = OFF.dir.resolve("plugin-ran");
    Path plugin = OFF.dir.resolve("get-token");
    Files.writeString(plugin, "#!/bin/sh\ntouch " + ran + "\n");
    plugin.toFile().setExecutable(true, true);
    Path kubeconfig = OFF.dir.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
        users:
          - name: u
            user:
              exec: {apiVersion: client.authentication.k8s.io/v1, command: "%s"}
        contexts: [{name: c, context: {cluster: c, user: u}}]
        current-context: c
        """
            .formatted(plugin));
    refused(
        api.post(
            "/api/v1/environments",
            requests.environment(
                Map.of("type", "kubernetes", "kubeconfig", kubeconfig.toString()),
                Map.of("renderer", "manifests"))),
        "target.kubeconfig",
        off);
    assertThat(ran).as("the plugin never ran").doesNotExist();

    Map<String, Object> plain =
        requests.environment(
            Map.of("type", "directory", "root", OFF.targets().resolve("plain").toString()),
            Map.of());
    assertThat(api.post("/api/v1/environments", plain).status()).isEqualTo(201);
    refused(
        api.patch(
            "/api/v1/environments/" + plain.get("name"),
            Map.of("target", requests.directory("postApply", "echo reloaded"))),
        "target.postApply",
        off);
  }

  @Test
  void anEnvironmentRegisteredBeforeThePolicyFailsItsRunNamingTheCommand() {
    Path root = OFF.targets().resolve("before");
    Environment before =
        new Environment(
            EnvironmentName.of("before"),
            SourceName.of("site"),
            "main",
            "site",
            null,
            null,
            new TargetSpec.Directory(root, CommandSpec.shell("nginx -s reload"), null, null),
            null,
            null);
    // Stored as a server that allowed nginx would have stored it.
    DriftlessContext context = ((DriftlessApplication) OFF.app.getApplication()).context();
    context.stores().environments().register(before);
    context.scheduler().schedule(before);
    Api api = OFF.admin();

    Api.Reply run =
        TestServer.awaitRun(api, api.post("/api/v1/environments/before/sync", null).location());

    assertThat(run.text("status")).isEqualTo("failed");
    assertThat(run.json().path("error").path("code").asText()).isEqualTo("command.refused");
    assertThat(run.json().path("error").path("details").path("field").asText())
        .isEqualTo("target.postApply");
    assertThat(run.json().path("error").path("message").asText())
        .contains("nginx -s reload", "commands are off on this server", "commands.enabled");
    assertThat(root.resolve("index.html")).doesNotExist();
  }
}
