package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.api.model.IgnoreBody;
import io.driftless.api.model.NotificationTargetBody;
import io.driftless.cli.client.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flag syntaxes the CLI parses itself: command lines, ignore rules, notification targets. */
class InputsTest {
  @TempDir Path dir;

  @Test
  void splitsACommandLineAsAShellWould() {
    assertThat(Inputs.words("  kustomize   build . ", "--render-command"))
        .containsExactly("kustomize", "build", ".");
    assertThat(Inputs.words("helm template web . -f \"values prod.yaml\"", "--render-command"))
        .containsExactly("helm", "template", "web", ".", "-f", "values prod.yaml");
    assertThat(Inputs.words("sh -c 'echo \"$HOME\"' a\\ b ''", "--render-command"))
        .containsExactly("sh", "-c", "echo \"$HOME\"", "a b", "");
    assertThatThrownBy(() -> Inputs.words("helm 'template", "--render-command"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("unclosed ' quote");
    assertThatThrownBy(() -> Inputs.words("  ", "--render-command"))
        .hasMessageContaining("needs a command");
    assertThatThrownBy(() -> Inputs.words("run \\", "--render-command"))
        .hasMessageContaining("lone backslash");
  }

  @Test
  void readsIgnoreRulesLikeKubectlResourceNames() {
    assertThat(Inputs.ignoreRule("Deployment.apps/web=/spec/replicas"))
        .isEqualTo(new IgnoreBody("apps", "Deployment", null, "web", List.of("/spec/replicas")));
    assertThat(Inputs.ignoreRule("ConfigMap/shop/settings=/data/a,/data/b=c"))
        .isEqualTo(
            new IgnoreBody("", "ConfigMap", "shop", "settings", List.of("/data/a", "/data/b=c")));
    assertThat(Inputs.ignoreRule("*.networking.k8s.io=/metadata/labels"))
        .isEqualTo(
            new IgnoreBody("networking.k8s.io", "*", null, null, List.of("/metadata/labels")));
    refuses(
        Inputs::ignoreRule,
        "--ignore",
        "/spec/replicas",
        "Deployment=spec",
        "a/b/c/d=/x",
        "Deployment//web=/x");
  }

  @Test
  void readsNotificationTargetsWithTheSecretFromAFile() throws Exception {
    Path secret = dir.resolve("hook.secret");
    Files.writeString(secret, "0123456789abcdef\n");
    assertThat(
            Inputs.notification(
                "webhook=https://ci.example.com/hook?a=1,b,secret-file="
                    + secret
                    + ",events=run.failed|drift.detected"))
        .isEqualTo(
            new NotificationTargetBody(
                "webhook",
                "https://ci.example.com/hook?a=1,b",
                "0123456789abcdef",
                List.of("run.failed", "drift.detected")));
    assertThat(Inputs.notification("slack=https://hooks.slack.com/services/T/B/X"))
        .isEqualTo(
            new NotificationTargetBody(
                "slack", "https://hooks.slack.com/services/T/B/X", null, null));
    refuses(
        Inputs::notification,
        "--notify",
        "webhook",
        "=https://x.example",
        "slack=",
        "slack=https://x,colour=red");
    assertThatThrownBy(
            () -> Inputs.notification("webhook=https://x,secret-file=" + dir.resolve("no")))
        .hasMessageContaining("cannot read the --notify secret file");
  }

  /** {@code read} refuses each of {@code inputs} with a message that names {@code option}. */
  private static void refuses(Function<String, ?> read, String option, String... inputs) {
    for (String bad : inputs) {
      assertThatThrownBy(() -> read.apply(bad))
          .as(bad)
          .isInstanceOf(CliException.class)
          .hasMessageContaining(option);
    }
  }
}
