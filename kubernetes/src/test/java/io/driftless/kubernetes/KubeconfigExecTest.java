package io.driftless.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.process.CommandRefusedException;
import io.driftless.kubernetes.target.KubernetesLimits;
import io.driftless.kubernetes.target.KubernetesTargetFactory;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kubeconfig's {@code exec} credential plugin is a program the server starts: it follows the
 * command policy, checked before the Kubernetes client loads the file (which runs the plugin).
 */
class KubeconfigExecTest {
  @TempDir Path tmp;
  private Path plugin;
  private Path ran;

  @BeforeEach
  void setUp() throws Exception {
    ran = tmp.resolve("ran");
    plugin = ExecPlugin.write(tmp, "touch " + ran + "\n");
  }

  private Environment withKubeconfig(String command) throws Exception {
    Path kubeconfig = ExecPlugin.kubeconfig(tmp, command, "args: [--cluster, c]");
    return new Environment(
        EnvironmentName.of("web"),
        SourceName.of("site"),
        "main",
        "",
        new RendererSpec.Manifests(),
        null,
        new TargetSpec.Kubernetes(kubeconfig, null, "web", true, null, null, null),
        null,
        null);
  }

  private static KubernetesTargetFactory factory(CommandPolicy commands) {
    return new KubernetesTargetFactory(Clock.systemUTC(), KubernetesLimits.none(), commands);
  }

  @Test
  void withCommandsOffAKubeconfigWithAnExecPluginIsRefusedAndThePluginNeverRuns() throws Exception {
    Environment environment = withKubeconfig(plugin.toString());

    try (KubernetesTargetFactory off = factory(CommandPolicy.off())) {
      assertThatThrownBy(() -> off.open(environment))
          .isInstanceOfSatisfying(
              CommandRefusedException.class,
              e ->
                  assertThat(e.details())
                      .containsEntry("field", "target.kubeconfig")
                      .containsEntry("command", plugin.toString())
                      .containsEntry("setting", "commands"))
          .hasMessageContaining("commands are off on this server");
    }
    assertThat(ran).doesNotExist();
  }

  @Test
  void anAllowListAdmitsExactlyThePluginItNames() throws Exception {
    Environment environment = withKubeconfig(plugin.toString());

    try (KubernetesTargetFactory others = factory(CommandPolicy.allowing("aws", "get-token"))) {
      assertThatThrownBy(() -> others.open(environment))
          .isInstanceOf(CommandRefusedException.class)
          .hasMessageContaining("which commands.allowed does not list (allowed: aws, get-token)");
    }
    assertThat(ran).doesNotExist();
    try (KubernetesTargetFactory named = factory(CommandPolicy.allowing(plugin.toString()))) {
      assertThat(named.open(environment)).isNotNull();
    }
    // The client never starts the plugin: Driftless does, when a request needs a token
    // (ExecCredentialsTest).
    assertThat(ran).as("the client loading the kubeconfig").doesNotExist();
  }

  @Test
  void aPluginNamedByARelativePathBesideTheKubeconfigIsNeverRun() throws Exception {
    Environment environment = withKubeconfig("./get-token");

    try (KubernetesTargetFactory factory = factory(CommandPolicy.allowing("sh", "get-token"))) {
      assertThatThrownBy(() -> factory.open(environment))
          .isInstanceOf(CommandRefusedException.class)
          .hasMessageContaining("by a relative path, which never runs");
    }
    assertThat(ran).doesNotExist();
  }
}
