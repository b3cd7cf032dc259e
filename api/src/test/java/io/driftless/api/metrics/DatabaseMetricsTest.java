package io.driftless.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code driftless_database_up} says whether the database answered, and never hangs a scrape. */
class DatabaseMetricsTest {
  private static final Duration SHORT = Duration.ofMillis(100);

  @Test
  void upWhenThePingAnswersDownWhenItFailsOrThrows() {
    AtomicBoolean answers = new AtomicBoolean(true);
    DatabaseMetrics metrics = new DatabaseMetrics(answers::get, Duration.ofSeconds(30));
    assertThat(metrics.up()).isEqualTo(1.0);
    answers.set(false);
    assertThat(metrics.up()).isEqualTo(0.0);

    DatabaseMetrics throwing =
        new DatabaseMetrics(
            () -> {
              throw new IllegalStateException("connection refused");
            },
            Duration.ofSeconds(30));
    assertThat(throwing.up()).isEqualTo(0.0);
  }

  @Test
  void aHungDatabaseIsDownAndHoldsOneQueryAtATime() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(1);
    DatabaseMetrics metrics =
        new DatabaseMetrics(
            () -> {
              if (started.incrementAndGet() == 1) {
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                finished.countDown();
              }
              return true;
            },
            SHORT);

    assertThat(metrics.up()).isEqualTo(0.0);
    assertThat(metrics.up()).isEqualTo(0.0);
    assertThat(started).hasValue(1);

    release.countDown();
    finished.await();
    // Once the hung query has ended, a scrape reads an answer again.
    await().until(() -> metrics.up() == 1.0);
  }

  @Test
  void exportedUnderItsName() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    DatabaseMetrics.register(() -> true, registry);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("driftless_database_up 1.0");
  }
}
