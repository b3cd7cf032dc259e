package io.driftless.api;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the storage's retention pass (old runs, unused contents, old webhook deliveries, previews of
 * long-closed pull requests) on a fixed delay while the server runs, and logs what each pass
 * removed. A failed pass is logged and the next one tries again.
 */
final class RetentionSchedule implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

  private final Supplier<?> retention;
  private final Duration interval;
  private final Duration firstAfter;
  private ScheduledExecutorService executor;

  /** {@code retention} runs one pass and returns its report. */
  RetentionSchedule(Supplier<?> retention, Duration interval) {
    this.retention = retention;
    this.interval = interval;
    this.firstAfter =
        interval.compareTo(Duration.ofMinutes(1)) < 0 ? interval : Duration.ofMinutes(1);
  }

  @Override
  public void start() {
    executor = DaemonThreads.scheduler("driftless-retention");
    executor.scheduleWithFixedDelay(
        this::pass, firstAfter.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void pass() {
    try {
      LOG.info("retention pass: {}", retention.get());
    } catch (RuntimeException e) {
      LOG.warn("retention pass failed; the next one tries again: {}", e.toString());
    }
  }

  @Override
  public void stop() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
