package io.driftless.scheduler;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.port.RunStore;
import io.driftless.engine.reconcile.EnvironmentBusyException;
import io.driftless.engine.reconcile.ReconcileOutcome;
import io.driftless.engine.reconcile.ReconcileRequest;
import io.driftless.engine.reconcile.SourceDownException;
import io.driftless.engine.reconcile.SyncDecision;
import io.driftless.engine.reconcile.UnknownEnvironmentException;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Everything that happens between a fire and the engine, in one place: sync windows, recovery of
 * runs a dead node left behind, and what follows a failure (retry with backoff), a busy lock (fire
 * again shortly) or a removed environment (drop its job).
 */
final class RunDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(RunDispatcher.class);

  /** MDC keys set while a fire runs, so logs and test recorders can tell fires apart. */
  static final String MDC_ENVIRONMENT = "environment";

  static final String MDC_FIRE = "driftless.fire";

  /** A lock held this many times in a row is left to the next scheduled check. */
  static final int MAX_BUSY = 30;

  private final SchedulerConfig config;
  private final ReconcileFunction reconcile;
  private final RunStore runs;
  private final InterruptedRuns interruptedRuns;
  private final SyncWindows windows;
  private final Clock clock;
  private final Histogram lag;
  private final Counter retries;
  private final Counter deferred;
  private volatile EnvironmentTriggers triggers;

  /**
   * Environments whose last fire ended in an exception (the database was away, say), with the runs
   * it could not mark: a row may be left QUEUED or RUNNING. The next fire of the environment holds
   * its job, so no run of it is live anywhere, and it finishes them first.
   */
  private final Map<EnvironmentName, Set<RunId>> unfinished = new ConcurrentHashMap<>();

  RunDispatcher(
      SchedulerConfig config, SchedulerPorts ports, Clock clock, PrometheusRegistry registry) {
    this.config = config;
    this.reconcile = ports.reconcile();
    this.runs = ports.runs();
    this.interruptedRuns = ports.interruptedRuns();
    this.clock = clock;
    this.windows = new SyncWindows(clock);
    this.lag =
        Histogram.builder()
            .name("driftless_scheduler_lag_seconds")
            .help("Time from when a trigger was due to when it fired, by trigger group")
            .labelNames("trigger")
            .classicOnly()
            .classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300)
            .build();
    this.retries =
        Counter.builder()
            .name("driftless_scheduler_retries_total")
            .help("Retries scheduled after a failed run")
            .build();
    this.deferred =
        Counter.builder()
            .name("driftless_scheduler_deferred_total")
            .help(
                "Automatic fires held back by a closed sync window, a busy lock or a source that"
                    + " does not answer, by reason")
            .labelNames("reason")
            .build();
    registry.register(lag);
    registry.register(retries);
    registry.register(deferred);
  }

  void unregister(PrometheusRegistry registry) {
    registry.unregister(lag);
    registry.unregister(retries);
    registry.unregister(deferred);
  }

  void bind(EnvironmentTriggers triggers) {
    this.triggers = triggers;
  }

  SyncWindows windows() {
    return windows;
  }

  void fire(Firing fired) {
    lag.labelValues(fired.recovering() ? "recovery" : fired.triggerGroup())
        .observe(fired.lag().toNanos() / 1e9);
    MDC.put(MDC_ENVIRONMENT, fired.environment().value());
    MDC.put(
        MDC_FIRE,
        fired.triggerKey()
            + "@"
            + (fired.scheduledFireTime() == null ? 0 : fired.scheduledFireTime().toEpochMilli()));
    try {
      dispatch(fired.recovering() ? recover(fired) : fired);
    } catch (SchedulerException e) {
      // The job store is unreachable; the next fire tries again.
      LOG.error(
          "environment {}: could not schedule a follow-up: {}", fired.environment(), e.toString());
    } finally {
      MDC.remove(MDC_ENVIRONMENT);
      MDC.remove(MDC_FIRE);
    }
  }

  private void dispatch(Firing firing) throws SchedulerException {
    EnvironmentName name = firing.environment();
    finishLeftovers(name, "the run's result could not be recorded");
    if (SyncDecision.inClosedWindow(firing.trigger().type(), firing.options())
            == SyncDecision.Verdict.WAIT
        && !windows.allowsNow(firing.windows())) {
      defer(firing);
      return;
    }
    RunId run = firing.run();
    if (run == null && firing.trigger().type().requested()) {
      // Retries and redone requests get their run row when they start.
      run = runs.create(name, firing.trigger(), clock.instant());
      firing = firing.withRequest(firing.trigger(), run);
    }
    ReconcileOutcome outcome;
    try {
      outcome =
          reconcile.reconcile(new ReconcileRequest(name, firing.trigger(), firing.options(), run));
    } catch (EnvironmentBusyException e) {
      busy(firing, Held.BUSY);
      return;
    } catch (SourceDownException e) {
      busy(firing, Held.SOURCE);
      return;
    } catch (UnknownEnvironmentException e) {
      LOG.info("environment {} is no longer registered; dropping its schedule", name);
      triggers.remove(name);
      return;
    } catch (RuntimeException e) {
      LOG.error("environment {}: reconcile failed unexpectedly", name, e);
      Set<RunId> left = unfinished.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
      if (run != null) {
        left.add(run);
      }
      finishLeftovers(name, "reconcile failed unexpectedly: " + e);
      failed(firing, run);
      return;
    }
    if (outcome.result().status() == RunStatus.FAILED) {
      failed(firing, outcome.recordedRun().orElse(run));
    } else if (triggers.cancelRetries(name, firing.triggerKey()) > 0) {
      LOG.debug("environment {}: pending retries dropped after a good run", name);
    }
  }

  /** Marks interrupted what an earlier failed fire of the environment could not finish. */
  private void finishLeftovers(EnvironmentName name, String reason) {
    Set<RunId> left = unfinished.get(name);
    if (left == null) {
      return;
    }
    try {
      for (RunId run : List.copyOf(left)) {
        interruptedRuns.interrupt(run, reason);
        left.remove(run);
      }
      int marked = interruptedRuns.interruptRunning(name, reason);
      unfinished.remove(name);
      if (marked > 0) {
        LOG.warn("environment {}: {} run(s) left running marked interrupted", name, marked);
      }
    } catch (RuntimeException e) {
      LOG.warn("environment {}: cannot mark unfinished runs yet: {}", name, e.toString());
    }
  }

  /**
   * The node running this fire died. Runs it left RUNNING are marked interrupted, and the fire is
   * done again: a scheduled check as a check, a request as a new run that says what it redoes.
   */
  private Firing recover(Firing fired) {
    EnvironmentName name = fired.environment();
    String reason = "the node running it stopped; redone by another node";
    int marked = interruptedRuns.interruptRunning(name, reason);
    if (fired.run() != null) {
      // It may have died before the run started; a queued run is left for nobody either.
      interruptedRuns.interrupt(fired.run(), reason);
    }
    LOG.warn(
        "environment {}: recovering {} after its node died ({} run(s) marked interrupted)",
        name,
        fired.triggerKey(),
        marked);
    if (fired.run() == null) {
      return fired;
    }
    Trigger redo =
        new Trigger(TriggerType.RETRY, "scheduler", "redo of run " + fired.run() + ", interrupted");
    return fired.withRequest(redo, null);
  }

  private void defer(Firing firing) throws SchedulerException {
    deferred.labelValues("window").inc();
    if (firing.trigger().type() == TriggerType.SCHEDULE) {
      LOG.debug(
          "environment {}: sync window closed; scheduled check skipped", firing.environment());
      return;
    }
    Instant now = clock.instant();
    Optional<Instant> opens = windows.nextAllowed(firing.windows(), now);
    if (opens.isEmpty()) {
      LOG.warn(
          "environment {}: no sync window opens; {} run {} dropped",
          firing.environment(),
          firing.trigger().type(),
          firing.run());
      if (firing.run() != null) {
        interruptedRuns.interrupt(firing.run(), "no sync window opens");
      }
      return;
    }
    // Windows follow the injected clock; Quartz follows the system clock.
    Instant at = Instant.now().plus(Duration.between(now, opens.get()));
    LOG.info(
        "environment {}: sync window closed; {} waits until {}",
        firing.environment(),
        firing.trigger().type(),
        opens.get());
    triggers.later(firing, EnvironmentTriggers.DEFERRED, at);
  }

  /** What held a fire back without starting its run; its name is the metric's reason label. */
  private enum Held {
    BUSY("the environment stayed locked by another run"),
    SOURCE("the environment's source did not answer");

    private final String reason;

    Held(String reason) {
      this.reason = reason;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A scheduled check is skipped (the next one comes); a request is fired again shortly, up to
   * {@link #MAX_BUSY} times.
   */
  private void busy(Firing firing, Held held) throws SchedulerException {
    EnvironmentName name = firing.environment();
    if (firing.trigger().type() == TriggerType.SCHEDULE && !firing.recovering()) {
      deferred.labelValues(held.label()).inc();
      LOG.debug("environment {}: {}; scheduled check skipped", name, held.reason);
      return;
    }
    if (firing.busy() >= MAX_BUSY) {
      LOG.warn(
          "environment {}: {}; {} left to the next check", name, held.reason, firing.trigger());
      if (firing.run() != null) {
        interruptedRuns.interrupt(firing.run(), held.reason);
      }
      return;
    }
    deferred.labelValues(held.label()).inc();
    triggers.later(
        firing.nextBusy(),
        EnvironmentTriggers.DEFERRED,
        Instant.now().plus(config.busyRetryDelay()));
  }

  private void failed(Firing firing, RunId run) throws SchedulerException {
    EnvironmentName name = firing.environment();
    boolean isRetry = firing.trigger().type() == TriggerType.RETRY;
    if (!isRetry && triggers.hasPendingRetry(name, firing.triggerKey())) {
      return;
    }
    int attempt = firing.attempt() + 1;
    if (attempt > config.maxRetries()) {
      LOG.warn(
          "environment {}: run {} failed after {} retries; waiting for the next trigger",
          name,
          run,
          config.maxRetries());
      return;
    }
    Duration delay = config.retryDelay(attempt);
    Trigger retry =
        new Trigger(
            TriggerType.RETRY,
            "scheduler",
            "retry "
                + attempt
                + " of "
                + config.maxRetries()
                + (run == null ? "" : " after run " + run));
    retries.inc();
    LOG.info("environment {}: run {} failed; retry {} in {}", name, run, attempt, delay);
    triggers.later(firing.nextAttempt(retry), EnvironmentTriggers.RETRY, Instant.now().plus(delay));
  }
}
