package io.driftless.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.git.GitAccessException;
import io.driftless.engine.git.GitAccessException.Reason;
import org.junit.jupiter.api.Test;

class SourceProbesTest {
  private static final SourceName SILENT = SourceName.of("silent");
  private static final SourceName OTHER = SourceName.of("other");
  private static final EnvironmentName A = EnvironmentName.of("a");
  private static final EnvironmentName B = EnvironmentName.of("b");

  private final SourceProbes probes = new SourceProbes();

  private static GitAccessException failure(Reason reason) {
    return new GitAccessException("silent", "git://x/y", reason, "no answer", null);
  }

  @Test
  void runsOfAnAnsweringSourceAllGoThroughAtOnce() {
    try (SourceProbes.Entry a = probes.enter(SILENT, A);
        SourceProbes.Entry b = probes.enter(SILENT, B)) {
      a.reached();
      b.reached();
    }
    assertThat(probes.isDown(SILENT)).isFalse();
  }

  @Test
  void afterATimeoutOneRunAtATimeTriesTheSourceAndTheOthersAreTurnedAway() {
    try (SourceProbes.Entry first = probes.enter(SILENT, A)) {
      first.failed(failure(Reason.TIMEOUT));
    }
    assertThat(probes.isDown(SILENT)).isTrue();

    try (SourceProbes.Entry probe = probes.enter(SILENT, A)) {
      assertThatThrownBy(() -> probes.enter(SILENT, B))
          .isInstanceOf(SourceDownException.class)
          .hasMessageContaining("silent")
          .satisfies(
              e -> assertThat(((SourceDownException) e).code()).isEqualTo("git.source_down"));
      // Another source is not held back.
      probes.enter(OTHER, B).close();
      probe.failed(failure(Reason.UNREACHABLE));
    }
    // The probe ended: the next run may try.
    try (SourceProbes.Entry next = probes.enter(SILENT, B)) {
      next.reached();
    }
    assertThat(probes.isDown(SILENT)).isFalse();
    try (SourceProbes.Entry a = probes.enter(SILENT, A);
        SourceProbes.Entry b = probes.enter(SILENT, B)) {
      assertThat(a).isNotNull();
      assertThat(b).isNotNull();
    }
  }

  @Test
  void aRefusedLoginOrAnyOtherFailureDoesNotMarkTheSourceDown() {
    try (SourceProbes.Entry a = probes.enter(SILENT, A)) {
      a.failed(failure(Reason.AUTH));
    }
    try (SourceProbes.Entry a = probes.enter(SILENT, A)) {
      a.failed(new EnvironmentBusyException(A));
    }
    assertThat(probes.isDown(SILENT)).isFalse();
  }
}
