package io.driftless.api.service;

import io.driftless.api.auth.Caller;
import io.driftless.api.model.EnvironmentResponse;
import io.driftless.api.model.FollowGitResponse;
import io.driftless.api.model.FollowGitResponse.FollowUpRun;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.model.PlanResponse;
import io.driftless.api.model.RollbackRequest;
import io.driftless.api.model.SyncRequest;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.RegistryOwners;
import io.driftless.engine.port.RunLog;
import io.driftless.engine.port.SnapshotArchive;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.query.RunSummary;
import io.driftless.engine.port.query.TokenRole;
import io.driftless.engine.reconcile.Reconciler;
import io.driftless.engine.reconcile.UnknownEnvironmentException;
import io.driftless.engine.sensitive.SensitiveValues;
import io.driftless.scheduler.QueuedRun;
import io.driftless.scheduler.RunRequests;
import io.driftless.scheduler.SyncWindowClosedException;
import jakarta.ws.rs.ForbiddenException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators do to an environment: sync, rollback, unpin, suspend, resume, and preview a ref.
 * Runs are handed to the scheduler, which queues and coalesces them; every change of state is
 * audited with who and why.
 */
public final class EnvironmentActions {
  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentActions.class);
  private final EnvironmentCatalog environments;
  private final RunLog runs;
  private final RunRequests scheduler;
  private final Reconciler reconciler;
  private final RollbackGit git;
  private final Audit audit;
  private final SnapshotArchive snapshots;
  private final Clock clock;
  private final SensitiveValues sensitive;
  private final OwnedObjects owned;

  /**
   * @param stores the catalogs, run history and snapshots the actions read and change
   * @param scheduler where runs are requested
   * @param git what rollbacks ask of the environment's source in Git
   * @param sensitive how the diffs of previews show sensitive values
   */
  public EnvironmentActions(
      Stores stores,
      RunRequests scheduler,
      Reconciler reconciler,
      RollbackGit git,
      Audit audit,
      Clock clock,
      SensitiveValues sensitive) {
    this.environments = stores.environments();
    this.runs = stores.runs();
    this.snapshots = stores.snapshots();
    this.scheduler = scheduler;
    this.reconciler = reconciler;
    this.git = git;
    this.audit = audit;
    this.clock = clock;
    this.sensitive = sensitive;
    this.owned = new OwnedObjects(stores.owners());
  }

  public QueuedRun sync(Caller who, EnvironmentName name, SyncRequest request) {
    Environment environment = require(name);
    QueuedRun queued =
        request(
            environment,
            new Trigger(TriggerType.API, who.name(), request.reason()),
            request.toOptions());
    audit.record(
        who,
        "environment.sync",
        "environment",
        name.value(),
        request.reason(),
        null,
        Map.of("request", request, "run", queued.run().value(), "coalesced", queued.coalesced()));
    return queued;
  }

  /** A rollback as queued, with the restore commit it pushed or why it could not. */
  public record Rollback(QueuedRun queued, Pin pin) {}

  /**
   * Pins the environment to a successful run's revision, or to a revision of its source, and syncs
   * at once. The pin holds until {@link #unpin}, or until its restore commit is applied when the
   * request asks for one. Everything is checked before anything changes.
   */
  public Rollback rollback(Caller who, EnvironmentName name, RollbackRequest request) {
    Environment environment = require(name);
    Revision revision;
    RunId restored;
    if (request.toRun() != null) {
      revision = revisionOfRun(name, request.toRun());
      restored = RunId.of(request.toRun());
    } else {
      Revision wanted = Revision.of(request.toRevision().trim());
      // A run of this environment that applied it: its snapshot stands in if Git loses it.
      restored = snapshots.lastAppliedAt(name, wanted).orElse(null);
      revision = git.inSource(environment, wanted);
      if (revision == null) {
        // Force-pushed away: only a snapshot of this environment at that revision can restore it.
        if (restored == null) {
          throw new InvalidFieldException(
              "toRevision",
              "revision "
                  + wanted
                  + " is not in source '"
                  + environment.source()
                  + "' and no run of '"
                  + name
                  + "' applied it");
        }
        revision = wanted;
      }
    }
    RunId snapshotRun = restored != null && snapshots.ofRun(restored).isPresent() ? restored : null;
    EnvironmentResponse before = view(name);
    Pin pin =
        new Pin(
            revision,
            false,
            who.name(),
            request.reason(),
            clock.instant(),
            snapshotRun,
            null,
            null);
    if (request.restoreCommitAsked()) {
      pin = git.restore(environment, pin);
    }
    environments.pin(name, pin);
    String reason = request.reason();
    if (pin.restoreError() != null) {
      reason = reason + " (restore commit not pushed: " + pin.restoreError() + ")";
    }
    QueuedRun queued =
        request(
            environment,
            new Trigger(TriggerType.ROLLBACK, who.name(), clip(reason, 4096)),
            SyncOptions.defaults(),
            restored);
    audit.record(
        who,
        "environment.rollback",
        "environment",
        name.value(),
        request.reason(),
        before,
        view(name));
    return new Rollback(queued, pin);
  }

  /** Releases the pin and, as {@link #resume} does, syncs at once when the policy allows. */
  public FollowGitResponse unpin(Caller who, EnvironmentName name, String reason) {
    EnvironmentState state = state(name);
    if (!state.pinned()) {
      throw conflict(name, "environment '" + name + "' is not pinned");
    }
    EnvironmentResponse after =
        change(who, name, "environment.unpin", reason, () -> environments.unpin(name));
    return new FollowGitResponse(after, followGit(who, name, "unpin", reason));
  }

  public EnvironmentResponse suspend(Caller who, EnvironmentName name, String reason) {
    if (state(name).suspended()) {
      throw conflict(name, "environment '" + name + "' is already suspended");
    }
    return change(
        who, name, "environment.suspend", reason, () -> environments.setSuspended(name, true));
  }

  /** Lifts the suspension and syncs at once when the policy allows. */
  public FollowGitResponse resume(Caller who, EnvironmentName name, String reason) {
    if (!state(name).suspended()) {
      throw conflict(name, "environment '" + name + "' is not suspended");
    }
    EnvironmentResponse after =
        change(
            who, name, "environment.resume", reason, () -> environments.setSuspended(name, false));
    return new FollowGitResponse(after, followGit(who, name, "resume", reason));
  }

  /**
   * The person said "follow Git again": a run now rather than at the next interval, when auto-sync
   * is on, nothing else holds the environment and no window forbids it. The run's trigger carries
   * who and why.
   */
  private FollowUpRun followGit(Caller who, EnvironmentName name, String action, String reason) {
    Environment environment = require(name);
    if (!environment.sync().auto()) {
      return FollowUpRun.notQueued(
          "auto_sync_off", "auto-sync is off: nothing is applied until someone syncs", null);
    }
    if (state(name).suspended()) {
      return FollowUpRun.notQueued(
          "suspended", "the environment is suspended: nothing is applied until resumed", null);
    }
    Trigger trigger = new Trigger(TriggerType.API, who.name(), clip(action + ": " + reason, 4096));
    try {
      QueuedRun queued = request(environment, trigger, SyncOptions.defaults());
      return FollowUpRun.queued(queued.run().value(), queued.coalesced());
    } catch (SyncWindowClosedException e) {
      Instant opensAt = e.opensAt().orElse(null);
      return FollowUpRun.notQueued(
          "window_closed",
          "a sync window is closed"
              + (opensAt == null ? "" : " until " + opensAt)
              + ": the first scheduled check after it opens syncs",
          opensAt);
    }
  }

  /**
   * The plan {@code ref} would apply now; nothing is changed or recorded. A ref other than the
   * environment's own (any branch, a pull request's head, a revision) needs an operator: its plan
   * is computed against live state, so a viewer could otherwise have any ref of the repository
   * compared with the live objects it names.
   */
  public PlanResponse preview(Caller who, EnvironmentName name, String ref) {
    Environment environment = require(name);
    if (!ownRef(environment, ref) && !who.role().allows(TokenRole.OPERATOR)) {
      throw new ForbiddenException(
          "token '"
              + who.name()
              + "' may see the diff of the environment's own ref only; another ref needs operator");
    }
    return PlanResponse.from(reconciler.preview(name, ref), sensitive);
  }

  private static boolean ownRef(Environment environment, String ref) {
    if (ref == null || ref.isBlank()) {
      return true;
    }
    String own = environment.ref().replaceFirst("^refs/heads/", "");
    return ref.replaceFirst("^refs/heads/", "").equals(own);
  }

  private EnvironmentResponse change(
      Caller who, EnvironmentName name, String action, String reason, Runnable change) {
    EnvironmentResponse before = view(name);
    change.run();
    EnvironmentResponse after = view(name);
    audit.record(who, action, "environment", name.value(), reason, before, after);
    return after;
  }

  /** Queues through the scheduler; an environment registered before its job existed gets one. */
  private QueuedRun request(Environment environment, Trigger trigger, SyncOptions options) {
    return request(environment, trigger, options, null);
  }

  private QueuedRun request(
      Environment environment, Trigger trigger, SyncOptions options, RunId rollbackOf) {
    if (state(environment.name()).retired()) {
      throw conflict(
          environment.name(),
          "environment '"
              + environment.name()
              + "' is retired: it runs no more; declare it again in its documents to restore it");
    }
    try {
      return scheduler.request(environment.name(), trigger, options, rollbackOf);
    } catch (UnknownEnvironmentException e) {
      scheduler.schedule(environment);
      return scheduler.request(environment.name(), trigger, options, rollbackOf);
    }
  }

  private Revision revisionOfRun(EnvironmentName name, long id) {
    RunSummary run =
        runs.summary(RunId.of(id))
            .orElseThrow(() -> new InvalidFieldException("toRun", "run " + id + " does not exist"));
    if (!run.environment().equals(name)) {
      throw new InvalidFieldException(
          "toRun",
          "run " + id + " belongs to environment '" + run.environment() + "', not '" + name + "'");
    }
    boolean restorable =
        (run.status() == RunStatus.SUCCEEDED || run.status() == RunStatus.NO_OP)
            && run.revision() != null;
    if (!restorable) {
      throw new InvalidFieldException(
          "toRun",
          "run "
              + id
              + " is "
              + run.status().name().toLowerCase(java.util.Locale.ROOT)
              + "; roll back to a run that succeeded");
    }
    return run.revision();
  }

  private Environment require(EnvironmentName name) {
    return environments
        .find(name)
        .orElseThrow(() -> new NotFoundException("environment", name.value()));
  }

  private EnvironmentState state(EnvironmentName name) {
    return environments.state(name);
  }

  /** The environment as the GET answers it, its owner included. */
  private EnvironmentResponse view(EnvironmentName name) {
    return environments
        .view(name)
        .map(EnvironmentResponse::from)
        .map(e -> e.withManagedBy(owned.managedBy(RegistryOwners.Kind.ENVIRONMENT, e.name())))
        .orElseThrow(() -> new NotFoundException("environment", name.value()));
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static ConflictException conflict(EnvironmentName name, String message) {
    return new ConflictException(message, Map.of("environment", name.value()));
  }
}
