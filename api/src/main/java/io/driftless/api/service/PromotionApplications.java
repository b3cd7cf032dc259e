package io.driftless.api.service;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Promotion;
import io.driftless.engine.domain.PromotionState;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.CommitIdentity;
import io.driftless.engine.git.GitWriter;
import io.driftless.engine.git.PromotionRequest;
import io.driftless.engine.port.PromotionLog;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.query.PromotionRecord;
import io.driftless.engine.reconcile.RunObserver;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a promotion to the receiving environment's runs: a promotion is {@code applied} when a
 * run of that environment applied a revision whose promoted files (the promotion's paths under the
 * environment's path) have exactly the content the promotion copied, whatever commit brought them
 * there (the promotion commit itself, a squash or a rebase of it); it is {@code failed} when such a
 * run failed. Contents are compared, never commit ids. Owns the promotion metrics: how many
 * promotions are in each state, and the lead time from the promoting environment's apply to the
 * receiving one's.
 */
public final class PromotionApplications implements RunObserver {
  private static final Logger LOG = LoggerFactory.getLogger(PromotionApplications.class);
  private static final double[] LEAD_TIME_BUCKETS = {
    60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 172800, 604800
  };

  private final PromotionLog log;
  private final Stores stores;
  private final GitWriter writer;
  private final CommitIdentity author;
  private final Clock clock;
  private final Histogram leadTime;

  public PromotionApplications(
      Stores stores,
      GitWriter writer,
      CommitIdentity author,
      Clock clock,
      PrometheusRegistry registry) {
    this.log = stores.promotions();
    this.stores = stores;
    this.writer = writer;
    this.author = author;
    this.clock = clock;
    this.leadTime =
        Histogram.builder()
            .name("driftless_promotion_lead_time_seconds")
            .help(
                "From the promoting environment's apply of a revision to the receiving"
                    + " environment's apply of its promotion")
            .labelNames("environment")
            .classicOnly()
            .classicUpperBounds(LEAD_TIME_BUCKETS)
            .register(registry);
    GaugeWithCallback.builder()
        .name("driftless_promotions")
        .help("Promotions stored, by state: open, diverged, merged, applied, superseded, failed")
        .labelNames("state")
        .callback(
            cb -> {
              Map<PromotionState, Long> counts;
              try {
                counts = log.countByState();
              } catch (RuntimeException e) {
                // The database is down: driftless_database_up says so; the scrape goes on.
                return;
              }
              for (PromotionState state : PromotionState.values()) {
                cb.call(counts.getOrDefault(state, 0L), state.label());
              }
            })
        .register(registry);
  }

  @Override
  public void runFinished(EnvironmentName environment, RunId run, RunResult result) {
    Revision at = result.revision();
    PromotionState outcome = outcome(run, result);
    if (at == null || outcome == null) {
      return;
    }
    for (PromotionRecord pending : log.pending(environment)) {
      if (pending.state() == outcome || !carries(pending.promotion(), at)) {
        continue;
      }
      String failure =
          outcome == PromotionState.FAILED
              ? "run " + run + " of " + environment + " failed: " + result.error().message()
              : null;
      RunId by = outcome == PromotionState.MERGED ? null : run;
      if (log.settle(pending.id(), outcome, by, failure) && outcome == PromotionState.APPLIED) {
        observeLeadTime(pending.promotion());
      }
    }
  }

  /**
   * What a run says of a promotion its revision carries: applied when it applied that revision (or
   * found nothing to change there), merged when it found the revision on the branch but applied
   * none of it (auto-sync off, a closed window, a dry run), failed when it failed; null when it
   * says nothing (interrupted, still running).
   */
  private static PromotionState outcome(RunId run, RunResult result) {
    return switch (result.status()) {
      case SUCCEEDED -> PromotionState.APPLIED;
      case NO_OP -> result.plan().isEmpty() ? PromotionState.APPLIED : PromotionState.MERGED;
      case FAILED -> run == null ? null : PromotionState.FAILED;
      default -> null;
    };
  }

  /**
   * Whether the receiving environment's path at {@code applied} has, for the promotion's paths,
   * exactly what the promoting path had at the promoted revision: promoting it again would change
   * nothing.
   */
  private boolean carries(Promotion p, Revision applied) {
    try {
      Environment receiving = stores.environments().find(p.environment()).orElse(null);
      if (receiving == null) {
        return false;
      }
      Source source = stores.sources().find(receiving.source()).orElse(null);
      if (source == null) {
        return false;
      }
      return writer
          .buildPromotion(
              source,
              new PromotionRequest(
                  p.revision(),
                  p.fromPath(),
                  applied,
                  receiving.path(),
                  p.paths(),
                  author,
                  "comparison only, never pushed"))
          .isEmpty();
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot compare promotion of {} into {} with revision {}: {}",
          p.revision().shortId(),
          p.environment(),
          applied.shortId(),
          e.getMessage());
      return false;
    }
  }

  private void observeLeadTime(Promotion p) {
    Instant from = p.fromAppliedAt();
    if (from != null) {
      leadTime
          .labelValues(p.environment().value())
          .observe(Math.max(0, Duration.between(from, clock.instant()).toMillis() / 1000.0));
    }
  }
}
