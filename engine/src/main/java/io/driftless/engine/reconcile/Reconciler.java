package io.driftless.engine.reconcile;

import io.driftless.engine.EngineException;
import io.driftless.engine.diff.Differ;
import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.Phase;
import io.driftless.engine.domain.PhaseTiming;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.TreeId;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.domain.VerifyPolicy;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.UnknownRefException;
import io.driftless.engine.port.EnvironmentLocks.Lease;
import io.driftless.engine.render.RenderCache;
import io.driftless.engine.target.ApplyException;
import io.driftless.engine.target.Target;
import io.driftless.engine.target.TargetFactory;
import io.driftless.engine.verify.CommitVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one environment for one trigger: lock, fetch, verify, render, read live, diff, decide,
 * apply, health, record. Everything is validated before the first write; a failure during apply
 * says exactly which changes were applied. Every outcome is a typed {@link RunResult}.
 */
public final class Reconciler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  /**
   * @param owner identifies this process in lock leases (e.g. host name and pid)
   * @param leaseTtl how long a lease lasts without a heartbeat; heartbeats run every third of it
   */
  public record Settings(String owner, Duration leaseTtl) {
    public Settings {
      if (owner == null || owner.isBlank()) {
        throw new IllegalArgumentException("owner is required");
      }
      leaseTtl = leaseTtl == null ? Duration.ofSeconds(60) : leaseTtl;
    }

    public static Settings defaults() {
      return new Settings(ProcessHandle.current().pid() + "@" + hostName(), Duration.ofSeconds(60));
    }

    private static String hostName() {
      try {
        return java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        return "localhost";
      }
    }
  }

  /** A plan computed for a ref without applying or recording anything. */
  public record Preview(Revision revision, Plan plan) {}

  private final GitReader git;
  private final CommitVerifier verifier;
  private final RenderCache renderCache;
  private final TargetFactory targets;
  private final EnginePorts ports;
  private final Clock clock;
  private final Settings settings;
  private final RunObserver observer;
  private final Differ differ = new Differ();
  private final ScheduledExecutorService heartbeats;

  public Reconciler(
      GitReader git,
      CommitVerifier verifier,
      RenderCache renderCache,
      TargetFactory targets,
      EnginePorts ports,
      Clock clock,
      Settings settings,
      RunObserver observer) {
    this.git = git;
    this.verifier = verifier;
    this.renderCache = renderCache;
    this.targets = targets;
    this.ports = ports;
    this.clock = clock;
    this.settings = settings;
    this.observer = observer == null ? RunObserver.NONE : observer;
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "driftless-lease-heartbeat");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Reconciles one environment.
   *
   * @throws UnknownEnvironmentException when the environment or its source is not registered
   * @throws EnvironmentBusyException when another run holds the environment's lock
   */
  public ReconcileOutcome reconcile(ReconcileRequest request) {
    Environment environment =
        ports
            .environments()
            .find(request.environment())
            .orElseThrow(
                () ->
                    new UnknownEnvironmentException("environment", request.environment().value()));
    Source source =
        ports
            .sources()
            .find(environment.source())
            .orElseThrow(
                () -> new UnknownEnvironmentException("source", environment.source().value()));
    Lease lease =
        ports
            .locks()
            .tryAcquire(environment.name(), settings.owner(), settings.leaseTtl())
            .orElseThrow(() -> new EnvironmentBusyException(environment.name()));
    AtomicReference<Lease> held = new AtomicReference<>(lease);
    long every = Math.max(1, settings.leaseTtl().toMillis() / 3);
    ScheduledFuture<?> heartbeat =
        heartbeats.scheduleAtFixedRate(() -> renew(held), every, every, TimeUnit.MILLISECONDS);
    try {
      return new Run(environment, source, request, held).execute();
    } finally {
      heartbeat.cancel(false);
      Lease last = held.get();
      if (last != null) {
        ports.locks().release(last);
      }
    }
  }

  /**
   * The plan {@code ref} would apply now (a branch, tag, {@code refs/pull/N/head} or revision,
   * fetched on demand). Takes no lock and changes nothing.
   */
  public Preview preview(EnvironmentName name, String ref) {
    Environment environment =
        ports
            .environments()
            .find(name)
            .orElseThrow(() -> new UnknownEnvironmentException("environment", name.value()));
    Source source =
        ports
            .sources()
            .find(environment.source())
            .orElseThrow(
                () -> new UnknownEnvironmentException("source", environment.source().value()));
    Revision revision = git.update(source, ref == null || ref.isBlank() ? environment.ref() : ref);
    verify(source, revision);
    DesiredState desired = render(source, environment, revision);
    Target target = targets.open(environment);
    target.validate(desired);
    Inventory inventory = ports.inventories().get(name);
    Snapshot base = ports.snapshots().lastApplied(name).orElse(null);
    LiveState live = target.read(keysOf(desired, inventory), declared(desired, base));
    return new Preview(
        revision, differ.plan(base, desired, live, inventory, environment.sync().prune()));
  }

  private void renew(AtomicReference<Lease> held) {
    Lease lease = held.get();
    if (lease == null) {
      return;
    }
    try {
      Optional<Lease> renewed = ports.locks().renew(lease, settings.leaseTtl());
      if (renewed.isEmpty()) {
        LOG.warn(
            "lost the lock of environment {} (lease {}); its remaining writes will be refused",
            lease.environment(),
            lease.id());
      }
      // Keep the old lease on loss: writes under it are then refused by the store (fencing).
      renewed.ifPresent(held::set);
    } catch (RuntimeException e) {
      LOG.warn("could not renew the lock of environment {}: {}", lease.environment(), e.toString());
    }
  }

  private void verify(Source source, Revision revision) {
    if (source.verify().mode() != VerifyPolicy.Mode.NONE) {
      verifier.verify(source, git.commit(source, revision));
    }
  }

  private DesiredState render(Source source, Environment environment, Revision revision) {
    return renderCache.render(
        source,
        environment,
        revision,
        git.treeId(source, revision, environment.path()),
        () -> git.readPath(source, revision, environment.path()));
  }

  /**
   * A stable id for a desired state read back from a snapshot, which has no Git tree: a SHA-1 over
   * its sorted keys, kinds and content hashes.
   */
  private static TreeId snapshotTreeId(Snapshot snapshot) {
    try {
      java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
      snapshot
          .entries()
          .forEach(
              (key, entry) ->
                  sha1.update(
                      (key.value() + "\0" + entry.kind() + "\0" + entry.hash().value() + "\n")
                          .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      return new TreeId(java.util.HexFormat.of().formatHex(sha1.digest()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<ResourceKey> keysOf(DesiredState desired, Inventory inventory) {
    Set<ResourceKey> keys = new HashSet<>(desired.resources().keySet());
    keys.addAll(inventory.keys());
    return keys;
  }

  /** For each key, its desired content and the content last applied, loaded only when asked. */
  private Function<ResourceKey, List<Content>> declared(DesiredState desired, Snapshot base) {
    return key -> {
      List<Content> contents = new ArrayList<>(2);
      Resource want = desired.get(key);
      if (want != null) {
        contents.add(want.content());
      }
      Snapshot.Entry applied = base == null ? null : base.get(key);
      if (applied != null && (want == null || !applied.hash().equals(want.hash()))) {
        ports.snapshots().content(applied.hash()).ifPresent(contents::add);
      }
      return contents;
    };
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
  }

  /** The state of one reconcile in progress. */
  private final class Run {
    private final Environment environment;
    private final Source source;
    private final Trigger trigger;
    private final SyncOptions options;
    private final AtomicReference<Lease> lease;
    private final List<PhaseTiming> phases = new ArrayList<>();
    private final List<CommandResult> commands = new ArrayList<>();
    private RunId runId;
    private Revision head;
    private Revision revision;
    private Plan plan = Plan.empty();
    private List<ResourceOutcome> outcomes = List.of();
    private HealthReport health;
    private boolean appliedRecorded;
    private DesiredState fromSnapshot;
    private DesiredState appliedDesired;

    Run(
        Environment environment,
        Source source,
        ReconcileRequest request,
        AtomicReference<Lease> lease) {
      this.environment = environment;
      this.source = source;
      this.trigger = request.trigger();
      this.options = request.options();
      this.lease = lease;
      this.runId = request.run();
      if (runId != null) {
        ports.runs().markRunning(runId, clock.instant());
      }
      observer.runStarted(environment.name(), runId);
    }

    ReconcileOutcome execute() {
      EnvironmentName name = environment.name();
      try {
        EnvironmentState state = ports.environments().state(name);
        if (state.suspended() && trigger.type().automatic()) {
          LOG.debug("environment {} is suspended; {} run skipped", name, trigger.type());
          RunResult skipped =
              new RunResult(RunStatus.NO_OP, null, null, null, null, null, null, null);
          return runId == null ? new ReconcileOutcome(null, skipped) : complete(skipped);
        }
        revision = timed(Phase.FETCH, () -> resolve(state));
        timed(
            Phase.VERIFY,
            () -> {
              // A stored snapshot was verified when it was first applied.
              if (fromSnapshot == null) {
                verify(source, revision);
              }
              return null;
            });
        DesiredState desired =
            fromSnapshot != null
                ? fromSnapshot
                : timed(Phase.RENDER, () -> render(source, environment, revision));
        Target target = targets.open(environment);
        target.recover();
        target.validate(desired);
        Inventory inventory = ports.inventories().get(name);
        Snapshot base = ports.snapshots().lastApplied(name).orElse(null);
        LiveState live =
            timed(
                Phase.READ_LIVE,
                () -> target.read(keysOf(desired, inventory), declared(desired, base)));
        boolean prune = options.prune() != null ? options.prune() : environment.sync().prune();
        plan = timed(Phase.DIFF, () -> differ.plan(base, desired, live, inventory, prune));
        if (plan.hasDrift()) {
          observer.driftFound(name, plan.drifted());
        }

        List<Change> toApply = new ArrayList<>();
        List<ResourceOutcome> decided = decide(toApply);
        if (toApply.isEmpty()) {
          return nothingApplied(decided);
        }
        ensureRun();
        return apply(target, desired, inventory, live, toApply, decided);
      } catch (EngineException e) {
        LOG.warn("run of environment {} failed: {} ({})", name, e.getMessage(), e.code());
        return failed(RunError.of(e));
      } catch (RuntimeException e) {
        LOG.error("run of environment {} failed unexpectedly", name, e);
        return failed(new RunError("internal", e.toString(), java.util.Map.of()));
      }
    }

    /**
     * The revision to reconcile: the requested one, the pin, or the ref's head. A pin is released
     * here when its time has come: an automatic pin by a new commit, a pin with a restore commit
     * once the branch holds that commit. A pinned revision that is no longer in the repository
     * (force-pushed away) is re-applied from its stored snapshot, and so is an automatic rollback.
     */
    private Revision resolve(EnvironmentState state) {
      if (options.revision() != null && !options.revision().isBlank()) {
        head = git.update(source, options.revision());
        return head;
      }
      head = git.update(source, environment.ref());
      Pin pin = state.pin();
      if (pin == null) {
        return head;
      }
      if (pin.automatic() && state.headRevision() != null && !head.equals(state.headRevision())) {
        release(pin, "new commit " + head.shortId() + " releases the automatic rollback pin");
        return head;
      }
      if (pin.restoreCommit() != null
          && (head.equals(pin.restoreCommit())
              || git.isAncestor(source, pin.restoreCommit(), head))) {
        release(pin, "restore commit " + pin.restoreCommit().shortId() + " is on the branch");
        return head;
      }
      if (pin.automatic() && pin.snapshotRun() != null) {
        fromSnapshot = snapshot(pin).orElse(null);
        if (fromSnapshot != null) {
          return pin.revision();
        }
      }
      try {
        git.update(source, pin.revision().value());
        if (pin.snapshotRun() == null || git.isReachable(source, pin.revision())) {
          return pin.revision();
        }
      } catch (UnknownRefException e) {
        if (pin.snapshotRun() == null) {
          throw e;
        }
      }
      // Force-pushed away: no branch or tag vouches for the revision any more.
      fromSnapshot =
          snapshot(pin)
              .orElseThrow(
                  () ->
                      new UnknownRefException(
                          source.name().value(),
                          pin.revision().value(),
                          "pinned revision %s is no longer in source '%s' and the snapshot of run %s is gone"
                              .formatted(
                                  pin.revision().value(), source.name(), pin.snapshotRun())));
      LOG.info(
          "environment {}: pinned revision {} is no longer in source {}; re-applying the"
              + " snapshot of run {}",
          environment.name(),
          pin.revision().shortId(),
          source.name(),
          pin.snapshotRun());
      return pin.revision();
    }

    private void release(Pin pin, String why) {
      LOG.info(
          "environment {}: {}; unpinned from {}",
          environment.name(),
          why,
          pin.revision().shortId());
      ports.environments().unpin(environment.name());
      observer.unpinned(environment.name(), pin, why);
    }

    /** What the pin's run applied, with contents from the snapshot store. */
    private Optional<DesiredState> snapshot(Pin pin) {
      if (pin.snapshotRun() == null) {
        return Optional.empty();
      }
      return ports
          .snapshots()
          .ofRun(pin.snapshotRun())
          .map(
              snapshot -> {
                java.util.SortedMap<ResourceKey, Resource> resources = new java.util.TreeMap<>();
                snapshot
                    .entries()
                    .forEach(
                        (key, entry) ->
                            resources.put(
                                key,
                                new Resource(
                                    key,
                                    entry.kind(),
                                    Content.lazy(entry.hash(), () -> storedContent(entry)))));
                return new DesiredState(pin.revision(), snapshotTreeId(snapshot), resources);
              });
    }

    private byte[] storedContent(Snapshot.Entry entry) {
      return ports
          .snapshots()
          .content(entry.hash())
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "content " + entry.hash() + " of a stored snapshot is missing"))
          .bytes();
    }

    /**
     * Splits the plan into what is applied now and what is left alone, and why. Changes Git made
     * are applied by auto-sync or on request; drift is reverted by self-heal or on request.
     */
    private List<ResourceOutcome> decide(List<Change> toApply) {
      boolean overrides = trigger.type().overridesPolicy();
      List<ResourceOutcome> decided = new ArrayList<>();
      for (Change change : plan.changes()) {
        boolean fromGit = change.action() == ChangeAction.DELETE || !change.drift();
        String skip = null;
        if (options.dryRun()) {
          skip = "dry run";
        } else if (fromGit && !overrides && !environment.sync().auto()) {
          skip = "auto-sync is off";
        } else if (!fromGit && !overrides && !environment.sync().selfHeal()) {
          skip = "drift left alone: self-heal is off";
        }
        if (skip == null) {
          toApply.add(change);
          decided.add(null);
        } else {
          decided.add(new ResourceOutcome(change, ResourceOutcome.Result.SKIPPED, skip));
        }
      }
      return decided;
    }

    private ReconcileOutcome nothingApplied(List<ResourceOutcome> decided) {
      Instant now = clock.instant();
      ports
          .environments()
          .recordChecked(environment.name(), head, !plan.isEmpty(), plan.hasDrift(), now);
      outcomes = decided;
      RunResult result =
          new RunResult(RunStatus.NO_OP, revision, plan, outcomes, phases, commands, health, null);
      if (runId == null && !trigger.type().requested()) {
        observer.runFinished(environment.name(), null, result);
        return new ReconcileOutcome(null, result);
      }
      return complete(result);
    }

    private ReconcileOutcome apply(
        Target target,
        DesiredState desired,
        Inventory inventory,
        LiveState live,
        List<Change> toApply,
        List<ResourceOutcome> decided) {
      Instant started = clock.instant();
      long t0 = System.nanoTime();
      recordCreatesAhead(inventory, toApply);
      try {
        target.apply(toApply);
      } catch (ApplyException e) {
        phase(Phase.APPLY, started, t0);
        outcomes = partial(decided, e);
        ports.inventories().replace(lease.get(), inventoryAfterFailure(inventory, e.applied()));
        return failed(RunError.of(e));
      }
      phase(Phase.APPLY, started, t0);
      outcomes = applied(decided);

      ports.snapshots().save(lease.get(), runId, desired);
      appliedDesired = desired;
      ports.inventories().replace(lease.get(), inventoryAfterApply(desired, live));

      Optional<CommandResult> post = target.postApply();
      post.ifPresent(commands::add);
      if (post.isPresent() && !post.get().succeeded()) {
        CommandResult r = post.get();
        ports
            .environments()
            .recordApplied(lease.get(), revision, head, Health.DEGRADED, clock.instant());
        appliedRecorded = true;
        return rollBackIfAsked(
            failed(
                RunError.of(
                    new CommandFailedException(
                        "target.post_apply",
                        "post-apply command "
                            + (r.timedOut()
                                ? "timed out after " + r.duration().toSeconds() + "s"
                                : "exited " + r.exitCode()),
                        r))));
      }
      health = timed(Phase.HEALTH, () -> target.health(target.healthTimeout()));
      ports
          .environments()
          .recordApplied(lease.get(), revision, head, health.health(), clock.instant());
      appliedRecorded = true;
      if (health.health() != Health.HEALTHY) {
        return rollBackIfAsked(
            failed(
                RunError.of(
                    new CommandFailedException(
                        "target.unhealthy",
                        "target did not report healthy within "
                            + target.healthTimeout().toSeconds()
                            + "s: "
                            + health.message(),
                        null))));
      }
      return complete(
          new RunResult(
              RunStatus.SUCCEEDED, revision, plan, outcomes, phases, commands, health, null));
    }

    /**
     * After an apply whose target is not healthy: with automatic rollback on, pins the environment
     * to the last healthy snapshot (an automatic pin, released by the next new commit) and
     * re-applies it at once in a second run, which names the failed one's restored run. Returns the
     * outcome of that second run, or {@code failure} when there is nothing to roll back to.
     */
    private ReconcileOutcome rollBackIfAsked(ReconcileOutcome failure) {
      EnvironmentName name = environment.name();
      if (!environment.sync().autoRollback()
          || trigger.type() == TriggerType.AUTO_ROLLBACK
          || trigger.type() == TriggerType.ROLLBACK) {
        return failure;
      }
      Optional<RunId> healthy = ports.snapshots().lastHealthy(name);
      Optional<Snapshot> snapshot = healthy.flatMap(run -> ports.snapshots().ofRun(run));
      if (snapshot.isEmpty()) {
        LOG.warn("environment {}: health failed and no healthy snapshot to roll back to", name);
        return failure;
      }
      if (snapshot.get().revision().equals(revision)
          && snapshot.get().entries().equals(Snapshot.of(appliedDesired).entries())) {
        LOG.warn(
            "environment {}: health failed at {}, which is also the last healthy state; not"
                + " rolling back",
            name,
            revision.shortId());
        return failure;
      }
      String reason =
          "health failed after run "
              + runId
              + " applied "
              + revision.shortId()
              + ": "
              + failure.result().error().message();
      Pin pin =
          new Pin(
              snapshot.get().revision(),
              true,
              Pin.AUTOMATIC_ACTOR,
              reason,
              clock.instant(),
              healthy.get(),
              null,
              null);
      ports.environments().pin(name, pin);
      observer.pinned(name, pin);
      Trigger rollback = new Trigger(TriggerType.AUTO_ROLLBACK, Pin.AUTOMATIC_ACTOR, reason);
      RunId second = ports.runs().create(name, rollback, clock.instant(), healthy.get());
      LOG.warn(
          "environment {}: {}; rolling back to run {} at {} in run {}",
          name,
          reason,
          healthy.get(),
          pin.revision().shortId(),
          second);
      return new Run(
              environment,
              source,
              new ReconcileRequest(name, rollback, SyncOptions.defaults(), second),
              lease)
          .execute();
    }

    /** The new inventory: what is desired, plus inventory keys kept because prune is off. */
    private Inventory inventoryAfterApply(DesiredState desired, LiveState live) {
      TreeSet<ResourceKey> keys = new TreeSet<>(desired.resources().keySet());
      for (ResourceKey kept : plan.pruneSkipped()) {
        if (live.get(kept) != null) {
          keys.add(kept);
        }
      }
      return new Inventory(keys);
    }

    /**
     * Before an apply, adds the keys it creates to the inventory: if the process dies mid-apply,
     * the files it created are managed, so a later run prunes them when they leave desired state
     * instead of leaving them behind as if a person had put them there. Keys it deletes stay until
     * they are gone; an adopted file was there before, so it is managed only once written.
     */
    private void recordCreatesAhead(Inventory inventory, List<Change> toApply) {
      TreeSet<ResourceKey> keys = new TreeSet<>(inventory.keys());
      for (Change change : toApply) {
        if (change.action() == ChangeAction.CREATE) {
          keys.add(change.key());
        }
      }
      if (keys.size() > inventory.keys().size()) {
        ports.inventories().replace(lease.get(), new Inventory(keys));
      }
    }

    /** After a partial apply, what was written is managed, and what was deleted is gone. */
    private Inventory inventoryAfterFailure(Inventory before, List<Change> applied) {
      TreeSet<ResourceKey> keys = new TreeSet<>(before.keys());
      for (Change change : applied) {
        if (change.action() == ChangeAction.DELETE) {
          keys.remove(change.key());
        } else {
          keys.add(change.key());
        }
      }
      return new Inventory(keys);
    }

    private List<ResourceOutcome> applied(List<ResourceOutcome> decided) {
      List<ResourceOutcome> result = new ArrayList<>(decided.size());
      for (int i = 0; i < decided.size(); i++) {
        ResourceOutcome d = decided.get(i);
        result.add(
            d != null
                ? d
                : new ResourceOutcome(plan.changes().get(i), ResourceOutcome.Result.APPLIED, ""));
      }
      return result;
    }

    private List<ResourceOutcome> partial(List<ResourceOutcome> decided, ApplyException e) {
      Set<ResourceKey> done = new HashSet<>();
      e.applied().forEach(c -> done.add(c.key()));
      List<ResourceOutcome> result = new ArrayList<>(decided.size());
      for (int i = 0; i < decided.size(); i++) {
        ResourceOutcome d = decided.get(i);
        Change change = plan.changes().get(i);
        if (d != null) {
          result.add(d);
        } else if (done.contains(change.key())) {
          result.add(new ResourceOutcome(change, ResourceOutcome.Result.APPLIED, ""));
        } else if (change.key().equals(e.failed().key())) {
          result.add(new ResourceOutcome(change, ResourceOutcome.Result.FAILED, e.getMessage()));
        } else {
          result.add(
              new ResourceOutcome(
                  change, ResourceOutcome.Result.NOT_ATTEMPTED, "an earlier change failed"));
        }
      }
      return result;
    }

    private ReconcileOutcome failed(RunError error) {
      ensureRun();
      if (head != null && !appliedRecorded) {
        ports
            .environments()
            .recordChecked(environment.name(), head, true, plan.hasDrift(), clock.instant());
      }
      return complete(
          new RunResult(
              RunStatus.FAILED, revision, plan, outcomes, phases, commands, health, error));
    }

    private ReconcileOutcome complete(RunResult result) {
      try {
        ports.runs().complete(runId, lease.get(), result, clock.instant());
      } catch (EngineException e) {
        LOG.error(
            "could not record run {} of environment {}: {}",
            runId,
            environment.name(),
            e.getMessage());
      }
      observer.runFinished(environment.name(), runId, result);
      LOG.info(
          "environment {} run {} {} at {}: {}",
          environment.name(),
          runId,
          result.status(),
          revision == null ? "-" : revision.shortId(),
          result.error() == null ? plan.summary() : result.error().message());
      return new ReconcileOutcome(runId, result);
    }

    private void ensureRun() {
      if (runId == null) {
        runId = ports.runs().create(environment.name(), trigger, clock.instant());
        ports.runs().markRunning(runId, clock.instant());
      }
    }

    private <T> T timed(Phase phase, Supplier<T> work) {
      Instant started = clock.instant();
      long t0 = System.nanoTime();
      try {
        return work.get();
      } finally {
        phase(phase, started, t0);
      }
    }

    private void phase(Phase phase, Instant started, long t0) {
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      phases.add(new PhaseTiming(phase, started, took));
      observer.phaseFinished(environment.name(), runId, phase, took);
    }
  }
}
