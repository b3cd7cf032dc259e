package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.port.contract.NotificationTargetsContract;
import io.driftless.storage.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.EnvironmentNotifications} against a real database. */
public abstract class EnvironmentNotificationsContractTest extends NotificationTargetsContract {
  @Test
  void theRawColumnsHoldNoPlainText(TestDatabase database) throws Exception {
    EnvironmentName env = newEnvironment();
    stores.notifications().replace(env, targets());

    StringBuilder raw = new StringBuilder();
    try (Connection c = database.connect();
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
  void theyGoWithTheirEnvironment(TestDatabase database) throws Exception {
    EnvironmentName env = newEnvironment();
    stores.notifications().replace(env, targets());
    long before = database.count("SELECT COUNT(*) FROM environment_notifications");

    stores.environments().delete(env);

    assertThat(database.count("SELECT COUNT(*) FROM environment_notifications"))
        .isEqualTo(before - 1);
    assertThat(stores.notifications().targets(env)).isEmpty();
  }
}
