package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.storage.testing.Fixtures;
import java.time.Duration;
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
}
