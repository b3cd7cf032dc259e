package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Secret;
import io.driftless.storage.model.NotificationSummary;
import io.driftless.storage.model.NotificationTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.EnvironmentNotifications} against a real database. */
public abstract class EnvironmentNotificationsContractTest extends StorageTestBase {
  private static final String SLACK_URL = "https://hooks.slack.com/services/T000/B000/slackTOKEN";
  private static final String HOOK_URL = "https://hooks.example.com/driftless?token=urlTOKEN";

  private static List<NotificationTarget> targets() {
    return List.of(
        new NotificationTarget(
            NotificationTarget.Type.SLACK, Secret.of(SLACK_URL), null, List.of("run.failed")),
        new NotificationTarget(
            NotificationTarget.Type.WEBHOOK, Secret.of(HOOK_URL), Secret.of("hmacKEY"), List.of()));
  }

  @Test
  void targetsReadBackAndReadsShowOnlyTheirSummary() {
    EnvironmentName env = newEnvironment();

    storage.notifications().replace(env, targets());

    assertThat(storage.notifications().targets(env)).isEqualTo(targets());
    assertThat(storage.environments().view(env).orElseThrow().notifications())
        .containsExactly(
            new NotificationSummary("slack", "hooks.slack.com", false, List.of("run.failed")),
            new NotificationSummary("webhook", "hooks.example.com", true, List.of()));
    assertThat(storage.environments().view(env).orElseThrow().toString())
        .doesNotContain("slackTOKEN")
        .doesNotContain("urlTOKEN")
        .doesNotContain("hmacKEY");
  }

  @Test
  void theRawColumnsHoldNoPlainText() throws Exception {
    EnvironmentName env = newEnvironment();
    storage.notifications().replace(env, targets());

    StringBuilder raw = new StringBuilder();
    try (Connection c = database().connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT n.* FROM environment_notifications n JOIN environments e"
                    + " ON e.id = n.environment_id WHERE e.name = ?")) {
      s.setString(1, env.value());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          raw.append(rs.getString(i)).append('|');
        }
      }
    }

    assertThat(raw.toString())
        .contains("v1:")
        .contains("hooks.slack.com")
        .doesNotContain("slackTOKEN")
        .doesNotContain("urlTOKEN")
        .doesNotContain("hmacKEY")
        .doesNotContain("/services/");
  }

  @Test
  void replacingWithNothingRemovesThem() {
    EnvironmentName env = newEnvironment();
    storage.notifications().replace(env, targets());

    storage.notifications().replace(env, List.of());

    assertThat(storage.notifications().targets(env)).isEmpty();
    assertThat(storage.environments().view(env).orElseThrow().notifications()).isEmpty();
  }

  @Test
  void theyGoWithTheirEnvironment() throws Exception {
    EnvironmentName env = newEnvironment();
    storage.notifications().replace(env, targets());
    long before = count("SELECT COUNT(*) FROM environment_notifications");

    storage.environments().delete(env);

    assertThat(count("SELECT COUNT(*) FROM environment_notifications")).isEqualTo(before - 1);
    assertThat(storage.notifications().targets(env)).isEmpty();
  }

  @Test
  void anUnknownEnvironmentOrTooManyTargetsChangeNothing() {
    assertThatThrownBy(
            () -> storage.notifications().replace(EnvironmentName.of("no-such-env"), targets()))
        .isInstanceOf(NotFoundException.class);
    EnvironmentName env = newEnvironment();
    assertThatThrownBy(
            () -> storage.notifications().replace(env, Collections.nCopies(11, targets().get(0))))
        .isInstanceOf(InvalidInputException.class);
    assertThat(storage.notifications().targets(env)).isEmpty();
  }
}
