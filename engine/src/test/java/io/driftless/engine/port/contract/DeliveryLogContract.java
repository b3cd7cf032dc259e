package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.SourceName;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.driftless.engine.port.DeliveryLog}, for every store that implements it.
 */
public abstract class DeliveryLogContract extends StoresContract {

  @Test
  void aRedeliveryIsADuplicateOnlyForTheSameProvider() {
    String id = Fixtures.unique("delivery");

    assertThat(stores.deliveries().firstDelivery("github", id)).isTrue();
    assertThat(stores.deliveries().firstDelivery("github", id)).isFalse();
    assertThat(stores.deliveries().firstDelivery("gitlab", id)).isTrue();
  }

  @Test
  void forgottenDeliveriesCountAsNewAgain() {
    String id = Fixtures.unique("old");
    stores.deliveries().firstDelivery("gitea", id);
    clock.advance(Duration.ofDays(8));

    assertThat(stores.deliveries().forgetBefore(clock.instant().minus(Duration.ofDays(7))))
        .isGreaterThanOrEqualTo(1);
    assertThat(stores.deliveries().firstDelivery("gitea", id)).isTrue();
  }

  @Test
  void aPullRequestEventOlderThanTheNewestRecordedIsRefused() {
    String name = Fixtures.unique("prsrc");
    stores.sources().register(Fixtures.plainSource(name));
    SourceName source = SourceName.of(name);
    Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
    Instant t2 = Instant.parse("2026-01-01T10:05:00Z");
    var deliveries = stores.deliveries();

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
