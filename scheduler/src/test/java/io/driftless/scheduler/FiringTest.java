package io.driftless.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.SyncPolicy.SyncWindow;
import io.driftless.engine.domain.SyncPolicy.SyncWindow.Kind;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiringTest {

  @Test
  void windowsSurviveTheJobData() {
    List<SyncWindow> windows =
        List.of(
            new SyncWindow(
                Kind.DENY, "0 0 22 * * ?", Duration.ofHours(8), ZoneId.of("Europe/Paris")),
            new SyncWindow(Kind.ALLOW, "0 0 9 ? * MON-FRI", Duration.ofMinutes(90), null));
    assertThat(Firing.decodeWindows(Firing.encodeWindows(windows))).isEqualTo(windows);
    assertThat(Firing.decodeWindows(Firing.encodeWindows(List.of()))).isEmpty();
  }

  @Test
  void jitterSpreadsEnvironmentsEvenlyOverTheWholeIntervalAndIsStablePerEnvironment() {
    Duration every = Duration.ofMinutes(3);
    int[] tenths = new int[10];
    for (int i = 0; i < 1000; i++) {
      EnvironmentName name = EnvironmentName.of("env-" + i);
      Duration jitter = EnvironmentTriggers.jitter(name, every);
      assertThat(jitter).isBetween(Duration.ZERO, every.minusMillis(1));
      assertThat(EnvironmentTriggers.jitter(name, every)).isEqualTo(jitter);
      tenths[(int) (jitter.toMillis() * 10 / every.toMillis())]++;
    }
    // Every tenth of the interval gets about a tenth of the environments: no burst.
    for (int n : tenths) {
      assertThat(n).isBetween(60, 140);
    }
    long distinct =
        java.util.stream.IntStream.range(0, 100)
            .mapToObj(i -> EnvironmentTriggers.jitter(EnvironmentName.of("e" + i), every))
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(90);
  }
}
