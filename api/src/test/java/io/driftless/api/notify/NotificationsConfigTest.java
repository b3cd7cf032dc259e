package io.driftless.api.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.api.config.ConfigurationFiles;
import io.driftless.api.config.DriftlessConfiguration;
import io.driftless.engine.port.query.NotificationTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationsConfigTest {
  @TempDir Path dir;

  @Test
  void noSectionMeansOnWithAFiveMinuteQuietPeriodAndNoGlobalTarget() {
    NotificationsConfig config = ConfigurationFiles.load(null).getNotifications();

    assertThat(config.enabled()).isTrue();
    assertThat(config.quietPeriod().toJavaDuration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.buildTargets()).isEmpty();
    assertThat(config.maxAttempts()).isEqualTo(4);
  }

  @Test
  void theReadmeExampleLoads() throws Exception {
    DriftlessConfiguration config =
        load(
            """
            notifications:
              quietPeriod: 10m
              externalUrl: https://driftless.example.com/
              targets:
                - {type: slack, url: "https://hooks.slack.com/services/T/B/X", events: [run.failed, run.recovered]}
                - {type: webhook, url: https://hooks.example.com/driftless, secret: "0123456789abcdef"}
            """);

    NotificationsConfig n = config.getNotifications();
    assertThat(n.quietPeriod().toJavaDuration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(n.externalUrl()).isEqualTo("https://driftless.example.com");
    List<NotificationTarget> targets = n.buildTargets();
    assertThat(targets)
        .extracting(NotificationTarget::type)
        .containsExactly(NotificationTarget.Type.SLACK, NotificationTarget.Type.WEBHOOK);
    assertThat(targets.get(0).wants("run.failed")).isTrue();
    assertThat(targets.get(0).wants("drift.detected")).isFalse();
    assertThat(targets.get(1).wants("drift.detected")).isTrue();
    assertThat(targets.get(1).signingKey().reveal()).isEqualTo("0123456789abcdef");
  }

  @Test
  void aWrongTargetOrSettingStopsStartWithTheFieldNamed() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    notifications:
                      targets:
                        - {type: teams, url: https://example.com/x}
                    """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("notifications.targets[0].type must be webhook or slack");
    assertThatThrownBy(
            () ->
                load(
                    """
                    notifications:
                      targets:
                        - {type: webhook, url: "ftp://example.com/x"}
                    """))
        .hasMessageContaining("notifications.targets[0].url must be an absolute http or https URL");
    assertThatThrownBy(() -> load("notifications: {maxAttempts: 0}\n"))
        .hasMessageContaining("notifications.maxAttempts must be 1 to 20");
  }

  private DriftlessConfiguration load(String yaml) throws Exception {
    Path file = dir.resolve("driftless.yml");
    Files.writeString(file, yaml);
    return ConfigurationFiles.load(file);
  }
}
