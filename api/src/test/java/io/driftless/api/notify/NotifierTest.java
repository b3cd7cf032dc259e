package io.driftless.api.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.events.TestDatabases;
import io.driftless.api.model.NotificationTargetBody;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.query.AuditEntry;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.engine.testing.MutableClock;
import io.driftless.storage.Storage;
import io.dropwizard.util.Duration;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier and its deliveries on a real H2 storage and a local receiver, for what a server test
 * cannot reach yet (runs the automatic rollback starts) or only by luck (a full queue).
 */
class NotifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EnvironmentName ENV = EnvironmentName.of("web");

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.ticking();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private TestDatabases db;
  private Storage storage;
  private Receiver receiver;
  private Deliveries deliveries;

  @BeforeEach
  void open() throws Exception {
    db = TestDatabases.open("h2", dir, clock);
    storage = db.storage();
    receiver = Receiver.start();
    storage.sources().register(Source.of(SourceName.of("web"), "https://git.example.com/web.git"));
    storage
        .environments()
        .register(
            new Environment(
                ENV,
                SourceName.of("web"),
                "main",
                "",
                null,
                null,
                new TargetSpec.Directory(dir.resolve("target"), null, null, null),
                null,
                null));
  }

  @AfterEach
  void close() throws Exception {
    if (deliveries != null) {
      deliveries.close();
    }
    receiver.close();
    db.close();
  }

  private Notifier notifier(int queueCapacity, List<NotificationTargetBody> targets) {
    deliveries = deliveries(queueCapacity, targets, registry);
    return new Notifier(deliveries, storage.stores(), JSON, clock);
  }

  private Deliveries deliveries(
      int queueCapacity, List<NotificationTargetBody> targets, PrometheusRegistry registry) {
    return new Deliveries(
        new NotificationsConfig(
            true,
            targets,
            null,
            null,
            Duration.seconds(1),
            Duration.seconds(30),
            2,
            Duration.milliseconds(10),
            Duration.milliseconds(10),
            queueCapacity,
            1),
        storage.stores(),
        JSON,
        clock,
        registry);
  }

  @Test
  void anAutomaticRollbackIsSentAndCountsAsARecovery() throws Exception {
    Notifier notifier =
        notifier(
            10,
            List.of(
                new NotificationTargetBody(
                    "webhook",
                    receiver.url("/auto"),
                    null,
                    List.of("rollback.automatic", "run.recovered"))));
    finish(
        new Trigger(TriggerType.API, "alice", "release"),
        RunResult.failed(
            revision('b'), new RunError("target.unhealthy", "health check failed", Map.of())));
    RunResult restored = RunResult.succeeded(revision('a'));
    RunId auto =
        finish(new Trigger(TriggerType.AUTO_ROLLBACK, "driftless", "health failed"), restored);

    notifier.runFinished(ENV, auto, restored);

    await().until(() -> receiver.requests("/auto").size() == 2);
    JsonNode rollback = byEvent("/auto", "rollback.automatic");
    assertThat(rollback.path("trigger").asText()).isEqualTo("auto_rollback");
    assertThat(rollback.path("status").asText()).isEqualTo("succeeded");
    assertThat(rollback.path("revision").asText()).isEqualTo(revision('a').value());
    assertThat(rollback.path("reason").asText()).isEqualTo("health failed");
    assertThat(rollback.path("run").asLong()).isEqualTo(auto.value());
    assertThat(byEvent("/auto", "run.recovered").path("run").asLong()).isEqualTo(auto.value());
  }

  @Test
  void aRecoveryIsAnnouncedOnceWhetherACheckOrARunSeesItFirst() throws Exception {
    Notifier notifier =
        notifier(
            10,
            List.of(
                new NotificationTargetBody(
                    "webhook", receiver.url("/recovery"), null, List.of("run.recovered"))));
    RunResult failed = unknownRef('e');
    RunResult nothingToDo = RunResult.noOp(revision('f'));
    finish(Trigger.api("dave", ""), failed);

    // Scheduled checks that record no run: the first one after the failure is the recovery.
    notifier.runFinished(ENV, null, nothingToDo);
    await().until(() -> receiver.requests("/recovery").size() == 1);
    JsonNode recovered = byEvent("/recovery", "run.recovered");
    assertThat(recovered.path("run").isNull()).isTrue();
    assertThat(recovered.path("status").asText()).isEqualTo("no_op");
    assertThat(recovered.path("trigger").asText()).isEqualTo("schedule");
    assertThat(recovered.path("revision").asText()).isEqualTo(revision('f').value());
    assertThat(storage.runs().history(new RunQuery(ENV, null, null, 10)).items()).hasSize(1);

    // Past the quiet period, neither more checks nor the next recorded run announce it again.
    clock.advance(java.time.Duration.ofMinutes(10));
    notifier.runFinished(ENV, null, nothingToDo);
    RunResult succeeded = RunResult.succeeded(revision('f'));
    RunId next = finish(Trigger.api("dave", ""), succeeded);
    notifier.runFinished(ENV, next, succeeded);
    notifier.runFinished(ENV, null, nothingToDo);
    await().until(() -> deliveriesIdle());
    assertThat(receiver.requests("/recovery")).hasSize(1);

    // A new failure is a new recovery.
    RunId again = finish(Trigger.api("dave", ""), failed);
    notifier.runFinished(ENV, again, failed);
    clock.advance(java.time.Duration.ofMinutes(10));
    notifier.runFinished(ENV, null, nothingToDo);
    await().until(() -> receiver.requests("/recovery").size() == 2);
  }

  @Test
  void aCheckDroppedByAFullQueueIsAskedAgainByTheNextCheck() {
    CountDownLatch release = receiver.hang("/held");
    Notifier notifier = notifier(1, webhook("/held"));
    RunResult failed = unknownRef('9');
    RunResult nothingToDo = RunResult.noOp(revision('9'));
    RunId run = finish(Trigger.api("erin", ""), failed);
    notifier.runFinished(ENV, run, failed); // takes the only place, held by the receiver
    await().until(() -> receiver.hanging() == 1);

    notifier.runFinished(ENV, null, nothingToDo);
    assertThat(counter("driftless_notifications_dropped", Labels.EMPTY)).isEqualTo(1);
    release.countDown();
    await().until(() -> deliveriesIdle());

    notifier.runFinished(ENV, null, nothingToDo);
    await().until(() -> receiver.requests("/held").size() == 2);
    assertThat(byEvent("/held", "run.recovered").path("run").isNull()).isTrue();
  }

  @Test
  void anAutomaticPinIsAnnouncedByItsRunNotAgainByItsAuditEntry() throws Exception {
    Notifier notifier = notifier(10, webhook("/pins"));
    Instant at = clock.instant();
    notifier.recorded(
        new AuditEntry(
            at,
            "driftless",
            "environment.rollback",
            "environment",
            ENV.value(),
            "health failed",
            null,
            null));
    notifier.recorded(
        new AuditEntry(
            at,
            "alice",
            "environment.rollback",
            "environment",
            ENV.value(),
            "bad release",
            null,
            null));

    await().until(() -> receiver.requests("/pins").size() == 1);
    JsonNode sent = byEvent("/pins", "environment.rollback");
    assertThat(sent.path("actor").asText()).isEqualTo("alice");
    notifier.recorded(
        new AuditEntry(
            at, "bob", "environment.unpin", "environment", ENV.value(), "fixed", null, null));
    await().until(() -> receiver.requests("/pins").size() == 2);
    assertThat(receiver.requests("/pins")).hasSize(2);
  }

  @Test
  void aFullQueueDropsAndCountsWithoutWaiting() {
    CountDownLatch release = receiver.hang("/slow");
    Notifier notifier = notifier(1, webhook("/slow"));
    RunResult failed = unknownRef('c');
    RunId run = finish(Trigger.api("bob", ""), failed);

    notifier.runFinished(ENV, run, failed); // takes the only place, held by the hanging receiver
    await().until(() -> receiver.hanging() == 1);
    notifier.runFinished(ENV, run, failed);
    notifier.runFinished(ENV, run, failed);

    assertThat(counter("driftless_notifications_dropped", Labels.EMPTY)).isEqualTo(2);
    release.countDown();
    await()
        .until(
            () ->
                counter(
                        "driftless_notifications",
                        Labels.of(
                            "event",
                            "run.failed",
                            "outcome",
                            "delivered",
                            "target_type",
                            "webhook"))
                    == 1);
  }

  @Test
  void replicasOnOneDatabaseSendAnEventOnce() {
    List<NotificationTargetBody> targets = webhook("/replicas");
    Notifier first = notifier(10, targets);
    PrometheusRegistry otherRegistry = new PrometheusRegistry();
    try (Deliveries other = deliveries(10, targets, otherRegistry)) {
      Notifier second = new Notifier(other, storage.stores(), JSON, clock);
      RunResult failed = unknownRef('d');
      RunId run = finish(Trigger.api("carol", ""), failed);

      // Both replicas hear of failures (e.g. one runs, the other retries); one message goes out.
      for (int i = 0; i < 5; i++) {
        first.runFinished(ENV, run, failed);
        second.runFinished(ENV, run, failed);
      }

      Labels suppressed =
          Labels.of("event", "run.failed", "outcome", "suppressed", "target_type", "webhook");
      await()
          .until(
              () ->
                  counter(registry, "driftless_notifications", suppressed)
                          + counter(otherRegistry, "driftless_notifications", suppressed)
                      == 9);
      assertThat(receiver.requests("/replicas")).hasSize(1);
    }
  }

  private RunId finish(Trigger trigger, RunResult result) {
    RunId id = storage.runs().create(ENV, trigger, clock.instant());
    EnvironmentLocks.Lease lease =
        storage.locks().tryAcquire(ENV, "test", java.time.Duration.ofMinutes(1)).orElseThrow();
    storage.runs().markRunning(id, clock.instant());
    storage.runs().complete(id, lease, result, clock.instant());
    storage.locks().release(lease);
    return id;
  }

  /** Nothing waits or is in delivery. */
  private boolean deliveriesIdle() {
    for (MetricSnapshot snapshot : registry.scrape()) {
      if (snapshot.getMetadata().getName().equals("driftless_notifications_pending")) {
        return snapshot.getDataPoints().stream()
            .allMatch(
                p ->
                    ((io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot) p)
                            .getValue()
                        == 0);
      }
    }
    return true;
  }

  private JsonNode byEvent(String path, String event) {
    return receiver.requests(path).stream()
        .map(Receiver.Request::json)
        .filter(j -> j.path("event").asText().equals(event))
        .findFirst()
        .orElseThrow();
  }

  private double counter(String name, Labels labels) {
    return counter(registry, name, labels);
  }

  private static double counter(PrometheusRegistry registry, String name, Labels labels) {
    for (MetricSnapshot snapshot : registry.scrape()) {
      if (snapshot.getMetadata().getName().equals(name)) {
        for (CounterSnapshot.CounterDataPointSnapshot point :
            ((CounterSnapshot) snapshot).getDataPoints()) {
          if (point.getLabels().equals(labels)) {
            return point.getValue();
          }
        }
      }
    }
    return 0;
  }

  /** The receiver's {@code path} as the one webhook target, for every event. */
  private List<NotificationTargetBody> webhook(String path) {
    return List.of(new NotificationTargetBody("webhook", receiver.url(path), null, null));
  }

  /** A run of {@code revision(c)} that failed on a ref Git does not know. */
  private static RunResult unknownRef(char c) {
    return RunResult.failed(revision(c), new RunError("git.unknown_ref", "no such ref", Map.of()));
  }

  private static Revision revision(char c) {
    return Revision.of(String.valueOf(c).repeat(40));
  }
}
