package io.driftless.kubernetes.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.process.CommandRefusedException;
import io.driftless.kubernetes.ExecPlugin;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kubeconfig's exec plugin runs as every command the server starts: through the command policy,
 * with a fresh empty HOME, only the variables the kubeconfig names plus PATH, never by the client.
 */
class ExecCredentialsTest {
  @TempDir Path tmp;
  private Path plugin;
  private Path seen;
  private Path kubeconfig;

  @BeforeEach
  void setUp() throws Exception {
    seen = tmp.resolve("seen");
    plugin =
        ExecPlugin.write(
            tmp,
            "echo \"$HOME|$(ls -A \"$HOME\" | wc -l)|$REGION|$SERVER_SECRET|$1\" >> "
                + seen
                + "\n");
    kubeconfig =
        ExecPlugin.kubeconfig(
            tmp, plugin.toString(), "args: [prod]", "env: [{name: REGION, value: eu-west-1}]");
  }

  private Config clientConfig(CommandPolicy commands) {
    return KubeconfigCommands.clientConfig(
        new TargetSpec.Kubernetes(kubeconfig, null, "web", true, null, null, null),
        commands,
        Clock.systemUTC());
  }

  @Test
  void thePluginRunsOnlyWhenATokenIsNeededWithAFreshEmptyHomeAndOnlyItsOwnVariables()
      throws Exception {
    Config config = clientConfig(CommandPolicy.allowing(plugin.toString()));
    assertThat(seen).as("loading the kubeconfig runs nothing").doesNotExist();
    assertThat(config.getOauthTokenProvider()).isNotNull();

    assertThat(config.getOauthTokenProvider().getToken()).isEqualTo("t0k3n");
    assertThat(config.getOauthTokenProvider().getToken())
        .as("kept: no expiry given")
        .isEqualTo("t0k3n");

    List<String> runs = Files.readAllLines(seen);
    assertThat(runs).hasSize(1);
    String[] run = runs.get(0).split("\\|", -1);
    Path home = Path.of(run[0]);
    assertThat(home).isNotEqualTo(Path.of(System.getProperty("user.home")));
    assertThat(home.getFileName().toString()).startsWith("driftless-home-");
    assertThat(run[1].strip()).as("files in its HOME").isEqualTo("0");
    assertThat(home).as("removed when it ended").doesNotExist();
    assertThat(run[2]).isEqualTo("eu-west-1");
    assertThat(run[3]).as("nothing of the server's environment").isEmpty();
    assertThat(run[4]).isEqualTo("prod");
  }

  @Test
  void aPluginTheServerStopsAllowingIsRefusedWhenItWouldRun() {
    Config config = clientConfig(CommandPolicy.allowing("aws"));

    assertThatThrownBy(() -> config.getOauthTokenProvider().getToken())
        .isInstanceOf(CommandRefusedException.class);
    assertThat(seen).doesNotExist();
  }

  @Test
  void aPluginThatFailsSaysSo() throws Exception {
    Files.writeString(plugin, "#!/bin/sh\necho 'no credentials' >&2\nexit 3\n");
    Config config = clientConfig(CommandPolicy.allowing(plugin.toString()));

    assertThatThrownBy(() -> config.getOauthTokenProvider().getToken())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("failed (EXITED 3): no credentials");
  }
}
