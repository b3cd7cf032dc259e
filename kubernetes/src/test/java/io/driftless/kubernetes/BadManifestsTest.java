package io.driftless.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A bad manifest anywhere fails the run before anything reaches the cluster. */
class BadManifestsTest extends MockClusterTestBase {
  private static final String GOOD =
      """
      apiVersion: v1
      kind: Namespace
      metadata:
        name: web
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
      data: {a: b}
      """;

  @BeforeEach
  void setUp() {
    engine.register(new RendererSpec.Manifests(), KubernetesEngine.target(Duration.ofSeconds(5)));
  }

  private RunResult syncWith(String file, String content) {
    repo.commit(Map.of("deploy/a-good.yaml", GOOD, "deploy/" + file, content), "bad");
    RunResult run = engine.sync();
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().code()).isEqualTo("render.invalid");
    assertThat(run.error().details()).containsEntry("file", file);
    assertThat(cluster.writes()).as("nothing applied").isEmpty();
    assertThat(cluster.client().namespaces().withName("web").get()).isNull();
    return run;
  }

  @Test
  void missingKindNamesTheFileAndDocument() {
    RunResult run =
        syncWith(
            "b.yaml",
            GOOD.replace("name: web", "name: web2")
                .replace("kind: ConfigMap\n", "")
                .replace("name: settings", "name: other"));
    assertThat(run.error().message()).contains("b.yaml", "document 2 has no kind");
  }

  @Test
  void missingNameFails() {
    RunResult run =
        syncWith("b.json", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {}}");
    assertThat(run.error().message()).contains("b.json", "document 1 has no metadata.name");
  }

  @Test
  void anObjectDefinedTwiceFails() {
    RunResult run = syncWith("b.yaml", GOOD.substring(GOOD.indexOf("---") + 4));
    assertThat(run.error().message())
        .contains("b.yaml", "defines core/ConfigMap/web/settings again", "a-good.yaml");
  }

  @Test
  void invalidYamlNamesTheLine() {
    RunResult run = syncWith("b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n");
    assertThat(run.error().message()).contains("b.yaml:", "not valid YAML");
    assertThat(run.error().details()).containsKey("line");
  }

  @Test
  void anAliasBombIsRefused() {
    StringBuilder bomb =
        new StringBuilder(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char previous = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "" : ",").append('*').append(previous);
      }
      bomb.append("]\n");
      previous = c;
    }
    RunResult run = syncWith("bomb.yaml", bomb.toString());
    assertThat(run.error().message()).contains("bomb.yaml", "aliases");
  }

  @Test
  void aCustomTagIsRefused() {
    RunResult run =
        syncWith(
            "b.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: !!javax.script.ScriptEngineManager [x]\n");
    assertThat(run.error().message()).contains("b.yaml", "not valid YAML");
  }
}
