package io.driftless.api;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pass of periodic work on a fixed delay while the server runs, and logs what each pass
 * did: the storage's retention (old runs, unused contents, old webhook deliveries, previews of
 * long-closed pull requests), auto-promotions. A failed pass is logged and the next one tries
 * again.
 */
final class PeriodicPass implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicPass.class);

  private final String what;
  private final Supplier<?> pass;
  private final Duration interval;
  private final Duration firstAfter;
  private ScheduledExecutorService executor;

  /**
   * @param what names the pass in the log and its thread, e.g. {@code retention}
   * @param pass runs one pass and returns its report
   */
  PeriodicPass(String what, Supplier<?> pass, Duration interval) {
    this.what = what;
    this.pass = pass;
    this.interval = interval;
    this.firstAfter =
        interval.compareTo(Duration.ofMinutes(1)) < 0 ? interval : Duration.ofMinutes(1);
  }

  @Override
  public void start() {
    executor = DaemonThreads.scheduler("driftless-" + what);
    executor.scheduleWithFixedDelay(
        this::pass, firstAfter.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void pass() {
    try {
      Object report = pass.get();
      if (report != null) {
        LOG.info("{} pass: {}", what, report);
      }
    } catch (RuntimeException e) {
      LOG.warn("{} pass failed; the next one tries again: {}", what, e.toString());
    }
  }

  @Override
  public void stop() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
