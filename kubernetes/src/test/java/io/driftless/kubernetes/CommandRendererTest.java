package io.driftless.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.process.CommandPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command renderer through the reconciler: the environment names a script this test writes
 * outside the repository, which the server's command policy allows; it runs in a checkout of the
 * path and its output is the manifests.
 */
class CommandRendererTest extends MockClusterTestBase {
  private Path script;

  /** The one program this class's server allows: the render script each test writes. */
  @Override
  CommandPolicy commands() {
    script = tmp.resolve("render.sh");
    return CommandPolicy.allowing(script.toString());
  }

  @BeforeEach
  void setUp() {
    repo.commit(
        Map.of(
            "deploy/names.txt", "alpha\nbeta\n",
            "deploy/sub/namespace.yaml",
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n"),
        "inputs");
  }

  private void useScript(String body, Duration timeout) throws IOException {
    Files.writeString(script, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    engine.register(
        new RendererSpec.Command(new CommandSpec(List.of(script.toString()), timeout)),
        KubernetesEngine.target(Duration.ofSeconds(5)));
  }

  @Test
  void theOutputIsParsedAsManifestsAndApplied() throws IOException {
    useScript(
        """
        cat sub/namespace.yaml
        while read name; do
          printf -- '---\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: %s\\ndata:\\n  env: %s\\n' "$name" "$DRIFTLESS_ENVIRONMENT"
        done < names.txt
        echo 'rendered' >&2
        """,
        Duration.ofSeconds(20));

    RunResult run = engine.sync();

    assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(cluster.client().configMaps().inNamespace("web").withName("beta").get().getData())
        .containsEntry("env", "web");
    assertThat(cluster.writes()).first().isEqualTo("PATCH /api/v1/namespaces/web");
    assertThat(engine.sync().status()).isEqualTo(RunStatus.NO_OP);
  }

  @Test
  void aNonZeroExitFailsWithItsStandardErrorAndAppliesNothing() throws IOException {
    useScript(
        "cat sub/namespace.yaml\necho 'error: kustomization.yaml not found' >&2\nexit 3\n",
        Duration.ofSeconds(20));

    assertRenderFailedAndNothingApplied("exited 3", "kustomization.yaml not found");
  }

  @Test
  void aTimeoutFailsAndAppliesNothing() throws IOException {
    useScript(
        "cat sub/namespace.yaml\necho 'still working' >&2\nsleep 30\n", Duration.ofMillis(500));

    assertRenderFailedAndNothingApplied("timed out", "still working");
  }

  @Test
  void filesCheckedOutForRenderingNeverKeepExecBitsFromGit() throws IOException {
    repo.writeExecutable("deploy/tool.sh", "#!/bin/sh\necho ran >&2\n");
    repo.commit("an executable beside the manifests");
    useScript(
        "for f in tool.sh names.txt sub/namespace.yaml; do"
            + " if [ -x \"$f\" ]; then echo \"$f is executable\" >&2; exit 4; fi; done\n"
            + "cat sub/namespace.yaml\n",
        Duration.ofSeconds(20));

    RunResult run = engine.sync();

    assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void aScriptFromGitInTheCheckoutIsNeverRun() throws IOException {
    repo.writeExecutable("deploy/render.sh", "#!/bin/sh\ncat sub/namespace.yaml\n");
    repo.commit("a render script in the repository");
    engine.register(
        new RendererSpec.Command(CommandSpec.shell("./render.sh")),
        KubernetesEngine.target(Duration.ofSeconds(5)));

    RunResult run = engine.sync();

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().code()).isEqualTo("command.refused");
    assertThat(run.error().details()).containsEntry("field", "renderCommand");
    assertThat(run.error().message()).contains("by a relative path, which never runs");
    assertThat(cluster.writes()).isEmpty();
  }

  @Test
  void withCommandsOffARenderCommandFailsTheRunAndNothingRuns() throws IOException {
    Path ran = tmp.resolve("ran");
    useScript("touch " + ran + "\ncat sub/namespace.yaml\n", Duration.ofSeconds(20));
    try (KubernetesEngine off =
        new KubernetesEngine(tmp.resolve("off"), cluster.client(), repo.url())) {
      off.register(
          new RendererSpec.Command(CommandSpec.shell(script.toString())),
          KubernetesEngine.target(Duration.ofSeconds(5)));

      RunResult run = off.sync();

      assertThat(run.status()).isEqualTo(RunStatus.FAILED);
      assertThat(run.error().code()).isEqualTo("command.refused");
      assertThat(run.error().details())
          .containsEntry("field", "renderCommand")
          .containsEntry("setting", "commands");
      assertThat(run.error().message()).contains("commands are off on this server");
    }
    assertThat(ran).doesNotExist();
    assertThat(cluster.writes()).isEmpty();
  }

  @Test
  void outputThatIsNotManifestsFailsTheRender() throws IOException {
    useScript("echo 'kind: [unclosed'\n", Duration.ofSeconds(20));

    RunResult run = engine.sync();

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().code()).isEqualTo("render.invalid");
    assertThat(run.error().message()).contains("output of");
    assertThat(cluster.writes()).isEmpty();
  }

  /**
   * The next sync fails in rendering, its message holding {@code messageParts}, and writes nothing.
   */
  private void assertRenderFailedAndNothingApplied(String... messageParts) {
    RunResult run = engine.sync();

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().code()).isEqualTo("render.command_failed");
    assertThat(run.error().message()).contains(messageParts);
    assertThat(cluster.writes()).isEmpty();
  }
}
