package io.driftless.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchedulerConfigTest {

  @Test
  void defaultsAreUsable() {
    SchedulerConfig config = SchedulerConfig.defaults();
    assertThat(config.threads()).isEqualTo(10);
    assertThat(config.clustered()).isFalse();
    assertThat(config.defaultInterval()).isEqualTo(Duration.ofMinutes(3));
    assertThat(config.instanceId()).contains(Long.toString(ProcessHandle.current().pid()));
  }

  @Test
  void retryDelayDoublesUpToTheCap() {
    SchedulerConfig config =
        SchedulerConfig.defaults().withRetries(5, Duration.ofSeconds(10), Duration.ofSeconds(60));
    assertThat(config.retryDelay(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.retryDelay(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.retryDelay(3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(config.retryDelay(4)).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.retryDelay(60)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> SchedulerConfig.defaults().withThreads(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> SchedulerConfig.defaults().withRetries(-1, Duration.ofSeconds(1), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                SchedulerConfig.defaults()
                    .withRetries(3, Duration.ofMinutes(5), Duration.ofMinutes(1)))
        .hasMessageContaining("retryMaxDelay");
    assertThatThrownBy(() -> SchedulerConfig.defaults().withClustered(true, Duration.ofSeconds(-1)))
        .hasMessageContaining("checkinInterval");
    assertThatThrownBy(() -> SchedulerConfig.defaults().withInstanceId("x".repeat(181)))
        .hasMessageContaining("instanceId");
  }
}
