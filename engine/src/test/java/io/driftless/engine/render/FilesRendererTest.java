package io.driftless.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.git.jgit.MirroredRepoTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The files renderer over a real repository: ignore rules and variable files are globs. */
class FilesRendererTest extends MirroredRepoTestBase {

  @Test
  void thePathologicalIgnoreLineOfIssue18RendersAtOnce() {
    String name = "a".repeat(50);
    remote.commit(
        Map.of(
            "env/.driftlessignore",
            "a**a**a**a**a**a**a**a**a**a**b\n*.md\n",
            "env/" + name,
            "x\n",
            "env/sub/" + name + "b",
            "ignored\n",
            "env/README.md",
            "ignored\n"),
        "first");
    Revision revision = git.update(source, "main");
    PathTree tree = git.readPath(source, revision, "env");
    FilesRenderer renderer = new FilesRenderer(git);

    DesiredState state =
        assertTimeoutPreemptively(
            Duration.ofSeconds(1), () -> renderer.render(source, environment("env", null), tree));

    assertThat(state.resources().keySet()).containsExactly(ResourceKey.of(name));
  }

  @Test
  void variablesAreSubstitutedOnlyInFilesMatchingTheirGlobs() {
    remote.commit(
        Map.of(
            "env/app.env", "G=${GREETING}\n",
            "env/conf/[x].env", "G=${GREETING}\n",
            "env/nginx.conf", "set $x ${uri};\n",
            "env/log1.txt", "${GREETING}\n",
            "env/logs.txt", "${GREETING}\n"),
        "first");

    DesiredState state =
        renderFiles(
            git, new Variables(Map.of("GREETING", "hi"), List.of("*.env", "log[[:digit:]].txt")));

    assertThat(text(state, "app.env")).isEqualTo("G=hi\n");
    assertThat(text(state, "conf/[x].env")).isEqualTo("G=hi\n");
    assertThat(text(state, "log1.txt")).isEqualTo("hi\n");
    assertThat(text(state, "logs.txt")).isEqualTo("${GREETING}\n");
    assertThat(text(state, "nginx.conf")).isEqualTo("set $x ${uri};\n");
  }
}
