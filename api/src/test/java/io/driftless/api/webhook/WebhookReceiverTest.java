package io.driftless.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.api.service.RecordedRunRequests;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.engine.port.memory.MemoryStores;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.engine.testing.MutableClock;
import io.dropwizard.jackson.Jackson;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** Webhook handling on in-memory stores and a recorded scheduler: no database, no server. */
class WebhookReceiverTest {
  private static final String URL = "https://git.example.invalid/acme/site.git";
  private static final String SECRET = "webhook-secret-of-site";
  private static final String AFTER = "1".repeat(40);

  private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
  private final Stores stores = MemoryStores.open(clock);
  private final RecordedRunRequests scheduler = new RecordedRunRequests(stores.runs(), clock);
  private final WebhookReceiver receiver =
      new WebhookReceiver(
          stores,
          scheduler,
          Jackson.newObjectMapper(),
          new WebhookConfig(null, null, null, null),
          clock,
          new PrometheusRegistry(),
          PullRequestListener.NONE);
  private final SourceName source = SourceName.of(Fixtures.unique("site"));

  WebhookReceiverTest() {
    stores
        .sources()
        .register(
            new Source(source, URL, new GitAuth.None(), null, Secret.of(SECRET), null, null, null));
  }

  @Test
  void aSignedPushQueuesARunOfEveryEnvironmentThatFollowsTheRef() {
    EnvironmentName staging = newEnvironment();
    EnvironmentName production = newEnvironment();

    WebhookReceipt receipt = receive(push("refs/heads/main", SECRET));

    assertThat(receipt.result()).isEqualTo("queued");
    assertThat(receipt.runs())
        .extracting(WebhookReceipt.QueuedRun::environment)
        .containsExactlyInAnyOrder(staging.value(), production.value());
    assertThat(scheduler.requests())
        .allSatisfy(r -> assertThat(r.trigger().type()).isEqualTo(TriggerType.WEBHOOK));
    assertThat(stores.runs().history(RunQuery.latest(staging, 5)).items()).hasSize(1);
  }

  @Test
  void theSameDeliveryTwiceQueuesOnce() {
    newEnvironment();
    Deliveries.Delivery push = push("refs/heads/main", SECRET);

    receive(push);
    WebhookReceipt again = receive(push);

    assertThat(again.result()).isEqualTo("duplicate");
    assertThat(scheduler.requests()).hasSize(1);
  }

  @Test
  void aWrongSignatureIsRefusedAndQueuesNothing() {
    newEnvironment();

    assertThatThrownBy(() -> receive(push("refs/heads/main", "not-the-secret")))
        .isInstanceOfSatisfying(
            WebhookRejection.class,
            e -> assertThat(e.result()).isEqualTo(WebhookResult.UNAUTHORIZED));
    assertThat(scheduler.requests()).isEmpty();
  }

  @Test
  void aSuspendedEnvironmentIsSkippedWithTheReason() {
    EnvironmentName env = newEnvironment();
    stores.environments().setSuspended(env, true);

    WebhookReceipt receipt = receive(push("refs/heads/main", SECRET));

    assertThat(receipt.result()).isEqualTo("ignored");
    assertThat(receipt.skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo("suspended"));
    assertThat(scheduler.requests()).isEmpty();
  }

  @Test
  void aPushToAnotherBranchQueuesNothing() {
    newEnvironment();

    WebhookReceipt receipt = receive(push("refs/heads/feature", SECRET));

    assertThat(receipt.result()).isEqualTo("ignored");
    assertThat(receipt.message()).contains("refs/heads/feature");
    assertThat(scheduler.requests()).isEmpty();
  }

  private EnvironmentName newEnvironment() {
    String name = Fixtures.unique("env");
    stores.environments().register(Fixtures.environment(name, source.value()));
    return EnvironmentName.of(name);
  }

  private static Deliveries.Delivery push(String ref, String secret) {
    return Deliveries.push(WebhookProvider.GITHUB, URL, ref, AFTER, secret);
  }

  private WebhookReceipt receive(Deliveries.Delivery delivery) {
    return receiver.receive(
        new WebhookReceiver.Delivery(
            delivery.provider(),
            delivery.headers(),
            "application/json",
            delivery.body().length,
            new ByteArrayInputStream(delivery.body()),
            "192.0.2.1"));
  }
}
