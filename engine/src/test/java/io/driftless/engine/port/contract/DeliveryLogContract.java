package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
