package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.SourceName;
import io.driftless.storage.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.WebhookDeliveries} against a real database. */
public abstract class WebhookDeliveriesContractTest extends StorageTestBase {

  @Test
  void aRedeliveryIsADuplicateOnlyForTheSameProvider() {
    String id = Fixtures.unique("delivery");

    assertThat(storage.webhookDeliveries().firstDelivery("github", id)).isTrue();
    assertThat(storage.webhookDeliveries().firstDelivery("github", id)).isFalse();
    assertThat(storage.webhookDeliveries().firstDelivery("gitlab", id)).isTrue();
  }

  @Test
  void forgottenDeliveriesCountAsNewAgain() {
    String id = Fixtures.unique("old");
    storage.webhookDeliveries().firstDelivery("gitea", id);
    clock.advance(Duration.ofDays(8));

    assertThat(storage.webhookDeliveries().forgetBefore(clock.instant().minus(Duration.ofDays(7))))
        .isGreaterThanOrEqualTo(1);
    assertThat(storage.webhookDeliveries().firstDelivery("gitea", id)).isTrue();
  }

  @Test
  void aPullRequestEventOlderThanTheNewestRecordedIsRefused() {
    String name = Fixtures.unique("prsrc");
    storage.sources().register(Fixtures.plainSource(name));
    SourceName source = SourceName.of(name);
    Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
    Instant t2 = Instant.parse("2026-01-01T10:05:00Z");
    var deliveries = storage.webhookDeliveries();

    assertThat(deliveries.newestPullRequestEvent(source, 7, t1)).isTrue();
    assertThat(deliveries.newestPullRequestEvent(source, 7, t2)).isTrue();
    assertThat(deliveries.newestPullRequestEvent(source, 7, t1)).as("a replay of t1").isFalse();
    assertThat(deliveries.newestPullRequestEvent(source, 7, t2)).as("same time").isTrue();
    assertThat(deliveries.newestPullRequestEvent(source, 8, t1)).as("another PR").isTrue();
    assertThat(deliveries.newestPullRequestEvent(SourceName.of(Fixtures.unique("gone")), 7, t2))
        .as("no such source")
        .isFalse();
  }
}
