package io.driftless.api.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.service.Audit;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.NotificationClaims;
import io.driftless.engine.port.RunLog;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.query.AuditEntry;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.engine.port.query.RunSummary;
import io.driftless.engine.reconcile.RunObserver;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Turns what happens to environments into {@link NotificationEvent}s: finished runs (failed,
 * recovered after a failure, automatic rollback), scheduled checks that end a failure without
 * recording a run, drift as it appears, and the rollback and unpin actions of the audit log. It
 * only hands work to {@link Deliveries}: the run's thread never waits for a receiver, and the
 * database reads that classify a run happen on a delivery thread.
 */
public final class Notifier implements RunObserver, Audit.Listener {
  static final String ROLLBACK_ACTION = "environment.rollback";
  static final String UNPIN_ACTION = "environment.unpin";

  private final Deliveries deliveries;
  private final EnvironmentCatalog environments;
  private final RunLog runs;
  private final NotificationClaims sends;
  private final ObjectMapper json;
  private final Clock clock;
  private final Set<EnvironmentName> checking = ConcurrentHashMap.newKeySet();

  /**
   * @param stores where environments' state, the run history and the claims on sent events are read
   */
  public Notifier(Deliveries deliveries, Stores stores, ObjectMapper json, Clock clock) {
    this.deliveries = deliveries;
    this.environments = stores.environments();
    this.runs = stores.runs();
    this.sends = stores.notificationClaims();
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void driftFound(EnvironmentName environment, List<ResourceKey> drifted) {
    if (!deliveries.enabled()) {
      return;
    }
    // Called before the check records its state: drift it already saw was already announced.
    if (environments.state(environment).drift()) {
      return;
    }
    Instant at = clock.instant();
    List<String> keys = drifted.stream().map(ResourceKey::value).toList();
    deliveries.submit(
        () ->
            List.of(
                new NotificationEvent(
                    NotificationEvent.Kind.DRIFT_DETECTED,
                    environment,
                    null,
                    null,
                    null,
                    null,
                    null,
                    keys.size() + " resource(s) differ from what was applied",
                    at,
                    keys)));
  }

  @Override
  public void runFinished(EnvironmentName environment, RunId run, RunResult result) {
    if (!deliveries.enabled()) {
      return;
    }
    Instant at = clock.instant();
    if (run == null) {
      // A scheduled check that recorded no run: news only when it ends a failure. Checks of one
      // environment waiting together are one question.
      if (checking.add(environment)
          && !deliveries.submit(
              () -> {
                checking.remove(environment);
                return recoveredByCheck(environment, result, at);
              })) {
        checking.remove(environment); // dropped: the next check asks again
      }
      return;
    }
    deliveries.submit(() -> classify(environment, run, result, at));
  }

  @Override
  public void recorded(AuditEntry entry) {
    if (!deliveries.enabled() || !entry.objectType().equals("environment")) {
      return;
    }
    NotificationEvent.Kind kind =
        switch (entry.action()) {
          case ROLLBACK_ACTION -> NotificationEvent.Kind.ROLLBACK;
          case UNPIN_ACTION -> NotificationEvent.Kind.UNPIN;
          default -> null;
        };
    if (kind == null) {
      return;
    }
    // An automatic rollback is announced once, by its run (rollback.automatic, with the outcome);
    // the audit entry of its pin would say it a second time.
    if (kind == NotificationEvent.Kind.ROLLBACK && Pin.AUTOMATIC_ACTOR.equals(entry.actor())) {
      return;
    }
    // A rollback sets the pin, an unpin releases it: the revision is in the after or the before.
    String revision =
        pinnedRevision(kind == NotificationEvent.Kind.ROLLBACK ? entry.after() : entry.before());
    NotificationEvent event =
        new NotificationEvent(
            kind,
            EnvironmentName.of(entry.objectName()),
            null,
            revision,
            null,
            null,
            entry.actor(),
            entry.reason(),
            entry.at(),
            null);
    deliveries.submit(() -> List.of(event));
  }

  /** What a finished run is news of: failure, recovery, automatic rollback; often nothing. */
  private List<NotificationEvent> classify(
      EnvironmentName environment, RunId run, RunResult result, Instant at) {
    Optional<RunSummary> summary = runs.summary(run);
    TriggerType trigger = summary.map(s -> s.trigger().type()).orElse(TriggerType.SCHEDULE);
    String actor = summary.map(s -> s.trigger().actor()).orElse(null);
    String triggerReason = summary.map(s -> s.trigger().reason()).orElse("");
    String revision = result.revision() == null ? null : result.revision().value();
    String status = result.status().name().toLowerCase(Locale.ROOT);
    String error =
        result.error() == null
            ? null
            : result.error().message() + " (" + result.error().code() + ")";
    // Every event of this run says the same run, revision, status and trigger; kind and reason
    // vary.
    BiFunction<NotificationEvent.Kind, String, NotificationEvent> news =
        (kind, reason) ->
            new NotificationEvent(
                kind,
                environment,
                run.value(),
                revision,
                status,
                trigger.name().toLowerCase(Locale.ROOT),
                actor,
                reason,
                at,
                null);
    List<NotificationEvent> events = new ArrayList<>();
    if (trigger == TriggerType.AUTO_ROLLBACK) {
      events.add(
          news.apply(NotificationEvent.Kind.AUTO_ROLLBACK, error != null ? error : triggerReason));
    }
    if (result.status() == RunStatus.FAILED) {
      events.add(news.apply(NotificationEvent.Kind.RUN_FAILED, error));
    } else if (succeeded(result) && recoveryToAnnounce(environment, run)) {
      events.add(news.apply(NotificationEvent.Kind.RUN_RECOVERED, triggerReason));
    }
    return events;
  }

  /**
   * A scheduled check found nothing to do and recorded no run: when the last run before it failed,
   * the environment recovered. Announced once per failure, by the check or the run that sees it
   * first (two replicas' checks included).
   */
  private List<NotificationEvent> recoveredByCheck(
      EnvironmentName environment, RunResult result, Instant at) {
    if (!succeeded(result) || !recoveryToAnnounce(environment, null)) {
      return List.of();
    }
    return List.of(
        new NotificationEvent(
            NotificationEvent.Kind.RUN_RECOVERED,
            environment,
            null,
            result.revision() == null ? null : result.revision().value(),
            result.status().name().toLowerCase(Locale.ROOT),
            TriggerType.SCHEDULE.name().toLowerCase(Locale.ROOT),
            null,
            "a scheduled check succeeded",
            at,
            null));
  }

  private static boolean succeeded(RunResult result) {
    return result.status() == RunStatus.SUCCEEDED || result.status() == RunStatus.NO_OP;
  }

  /**
   * Whether the run finished before {@code run} (before now when null; interrupted ones aside)
   * failed, and its recovery was not announced yet; if so, it is claimed now.
   */
  private boolean recoveryToAnnounce(EnvironmentName environment, RunId run) {
    RunQuery before = new RunQuery(environment, null, run == null ? null : run.toString(), 20);
    for (RunSummary earlier : runs.history(before).items()) {
      switch (earlier.status()) {
        case FAILED:
          return sends.claimRecovery(environment, earlier.id());
        case SUCCEEDED:
        case NO_OP:
          return false;
        default:
          break; // queued, running or interrupted: look further back
      }
    }
    return false;
  }

  private String pinnedRevision(String environmentJson) {
    if (environmentJson == null) {
      return null;
    }
    try {
      JsonNode pinned = json.readTree(environmentJson).path("state").path("pinnedRevision");
      return pinned.isTextual() ? pinned.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
