package io.driftless.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.git.jgit.MirroredRepoTestBase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A render reads no file beyond the size limit, no more than the total limit, and stops at its
 * timeout, each failing with the path named and before the file is read.
 */
class RenderLimitsTest extends MirroredRepoTestBase {

  private void render(RenderLimits limits) {
    Revision revision = git.update(source, "main");
    new FilesRenderer(git, limits)
        .render(source, environment("env", null), git.readPath(source, revision, "env"));
  }

  @Test
  void theDefaultsAre64MibAFileAndATimeout() {
    assertThat(RenderLimits.defaults().maxFileBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(RenderLimits.defaults().timeout()).isPositive();
  }

  @Test
  void aFileBeyondTheSizeLimitFailsTheRenderNamingIt() {
    remote.commit(Map.of("env/small.txt", "12345", "env/big.bin", "x".repeat(1000)), "big");

    assertThatThrownBy(() -> render(new RenderLimits(100, 10_000, Duration.ofMinutes(1))))
        .isInstanceOfSatisfying(
            RenderException.class, e -> assertThat(e.file()).isEqualTo("big.bin"))
        .hasMessage(
            "big.bin: is 1000 bytes, more than the 100 a file may have (render.maxFileSize)");
    render(new RenderLimits(1000, 10_000, Duration.ofMinutes(1)));
  }

  @Test
  void aRenderBeyondTheTotalLimitFailsNamingTheFileThatPassedIt() {
    remote.commit(Map.of("env/a.txt", "x".repeat(60), "env/b.txt", "y".repeat(60)), "two");

    assertThatThrownBy(() -> render(new RenderLimits(100, 100, Duration.ofMinutes(1))))
        .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.file()).isEqualTo("b.txt"))
        .hasMessage(
            "b.txt: brings the render to 120 bytes, more than the 100 one render may read"
                + " (render.maxTotalSize)");
  }

  @Test
  void aRenderPastItsTimeoutStops() {
    remote.commit(Map.of("env/a.txt", "a"), "one");

    assertThatThrownBy(() -> render(new RenderLimits(100, 100, Duration.ofNanos(1))))
        .isInstanceOf(RenderException.class)
        .hasMessage("a.txt: the render took longer than PT0.000000001S (render.timeout)");
  }
}
