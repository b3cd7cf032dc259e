package io.driftless.api.service;

import io.driftless.api.auth.Caller;
import io.driftless.api.model.Fields;
import io.driftless.api.model.PromoteRequest;
import io.driftless.api.model.PromotionResponse;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.PromotionRule;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.PromotionLog;
import io.driftless.engine.port.RunLog;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.query.EnvironmentQuery;
import io.driftless.engine.port.query.EnvironmentSummary;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.engine.port.query.RunSummary;
import io.driftless.engine.port.query.TokenRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code promotion.auto.afterHealthy}: one pass over the environments whose rule has it, promoting
 * into each the revision its {@code from} has stayed on, healthily, for that long: {@code from}'s
 * newest finished runs that applied something are succeeded runs at that one revision, the oldest
 * of them finished {@code afterHealthy} ago or more, and no failed run came after. A revision
 * already promoted into the environment (by anyone, in any state) is not promoted again, so each
 * revision is promoted once; while {@code from}'s newest run failed, nothing is. The promotions
 * themselves are {@link Promotions}', made as the caller {@code driftless}.
 */
public final class AutoPromotions {
  /** Who auto-promotions are made by, in the audit log and the promotion records. */
  public static final Caller AUTO = new Caller("driftless", TokenRole.OPERATOR);

  private static final Logger LOG = LoggerFactory.getLogger(AutoPromotions.class);

  /** How many of {@code from}'s newest runs are read to find how long it has been healthy. */
  private static final int RUNS_READ = 100;

  private final EnvironmentCatalog environments;
  private final RunLog runs;
  private final PromotionLog log;
  private final Promotions promotions;
  private final Clock clock;

  public AutoPromotions(Stores stores, Promotions promotions, Clock clock) {
    this.environments = stores.environments();
    this.runs = stores.runs();
    this.log = stores.promotions();
    this.promotions = promotions;
    this.clock = clock;
  }

  /** One pass; returns what it promoted. A promotion that fails is logged and stored as usual. */
  public List<PromotionResponse> pass() {
    List<PromotionResponse> made = new ArrayList<>();
    String cursor = null;
    do {
      Page<EnvironmentSummary> page =
          environments.list(EnvironmentQuery.all(Page.MAX_LIMIT).after(cursor));
      for (EnvironmentSummary summary : page.items()) {
        Environment environment = summary.environment();
        PromotionRule rule = environment.promotion();
        if (rule == null || rule.afterHealthy() == null) {
          continue;
        }
        due(rule).ifPresent(r -> promote(environment, rule, r).ifPresent(made::add));
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return made;
  }

  /** The revision of {@code rule.from()} due for promotion now, if any. */
  Optional<Revision> due(PromotionRule rule) {
    Revision revision = null;
    Instant since = null;
    for (RunSummary run : runs.history(RunQuery.latest(rule.from(), RUNS_READ)).items()) {
      if (run.status() == RunStatus.FAILED) {
        if (revision == null) {
          return Optional.empty();
        }
        break;
      }
      if (run.status() != RunStatus.SUCCEEDED || run.revision() == null) {
        continue;
      }
      if (revision == null) {
        revision = run.revision();
      } else if (!revision.equals(run.revision())) {
        break;
      }
      since = run.finishedAt();
    }
    if (revision == null
        || since == null
        || Duration.between(since, clock.instant()).compareTo(rule.afterHealthy()) < 0) {
      return Optional.empty();
    }
    return Optional.of(revision);
  }

  private Optional<PromotionResponse> promote(
      Environment environment, PromotionRule rule, Revision revision) {
    if (log.promoted(environment.name(), revision)) {
      return Optional.empty();
    }
    try {
      PromotionResponse done =
          promotions.promote(
              AUTO,
              environment.name(),
              new PromoteRequest(
                  "auto-promotion: "
                      + rule.from()
                      + " healthy at "
                      + revision.shortId()
                      + " for "
                      + Fields.format(rule.afterHealthy())
                      + " or more",
                  revision.value()));
      LOG.info("auto-promotion into {}: {}", environment.name(), done.message());
      return Optional.of(done);
    } catch (RuntimeException e) {
      LOG.warn(
          "auto-promotion of {} {} into {} failed: {}",
          rule.from(),
          revision.shortId(),
          environment.name(),
          e.getMessage());
      return Optional.empty();
    }
  }
}
