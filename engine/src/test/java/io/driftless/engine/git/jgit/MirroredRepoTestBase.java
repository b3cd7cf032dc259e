package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.render.FilesRenderer;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository served as the source {@code configs} and the {@link JGitMirror} that reads it as the
 * engine does: the fixture of the tests that read Git through {@link GitReader}. Each test gets its
 * own, under {@code tmp}: the repository in {@code remote}, the mirror's clones in {@code work}.
 */
public abstract class MirroredRepoTestBase {
  /** A first commit's files: a README and the app.conf of prod (with a nested file) and staging. */
  protected static final Map<String, String> TWO_ENVIRONMENTS =
      Map.of(
          "README.md", "hello\n",
          "envs/prod/app.conf", "port=80\n",
          "envs/prod/nested/extra.conf", "x=1\n",
          "envs/staging/app.conf", "port=8080\n");

  @TempDir protected Path tmp;

  protected TestGitRepo remote;
  protected JGitMirror mirror;
  protected GitReader git;
  protected Source source;

  @BeforeEach
  void openMirroredRepo() {
    remote = TestGitRepo.create(tmp.resolve("remote"));
    mirror = new JGitMirror(tmp.resolve("work"), Duration.ofSeconds(20));
    git = mirror.reader();
    source = Source.of(SourceName.of("configs"), remote.url());
  }

  /**
   * The environment {@code web} of this source at {@code main} and {@code path}, with a directory
   * target under {@code tmp}: what a renderer is asked to render.
   */
  protected Environment environment(String path, Variables variables) {
    return new Environment(
        EnvironmentName.of("web"),
        source.name(),
        "main",
        path,
        null,
        variables,
        TargetSpec.Directory.at(tmp.resolve("target")),
        null,
        null);
  }

  /**
   * What the files renderer makes of {@code env} at the head of main, read through {@code reader}.
   */
  protected DesiredState renderFiles(GitReader reader, Variables variables) {
    Revision revision = git.update(source, "main");
    return new FilesRenderer(reader)
        .render(source, environment("env", variables), reader.readPath(source, revision, "env"));
  }

  /** A rendered resource's content as UTF-8 text. */
  protected static String text(DesiredState state, String key) {
    return new String(state.get(ResourceKey.of(key)).content().bytes(), StandardCharsets.UTF_8);
  }

  @AfterEach
  void closeMirroredRepo() {
    mirror.close();
    remote.close();
  }
}
