package io.driftless.engine.reconcile;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.UnknownRefException;
import io.driftless.engine.port.EnvironmentStore;
import io.driftless.engine.port.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step: the revision a run reconciles: the requested one, the pin, or the ref's head, as the {@link
 * SyncDecision} says once the head is fetched. A pin is released here when the decision says its
 * time has come. An automatic rollback's pin, and a pinned revision no longer in the repository
 * (force-pushed away), are re-applied from the stored snapshot of the pin's run. A scheduled check
 * shares the ref's head with the other environments of its source ({@link SharedHeads}).
 */
final class RevisionResolver {
  private static final Logger LOG = LoggerFactory.getLogger(RevisionResolver.class);

  private final GitReader git;
  private final SharedHeads heads;
  private final EnvironmentStore environments;
  private final SnapshotStore snapshots;
  private final RunObserver observer;
  private final RevisionRenderer renderer;

  RevisionResolver(
      GitReader git,
      Clock clock,
      EnvironmentStore environments,
      SnapshotStore snapshots,
      RunObserver observer,
      RevisionRenderer renderer) {
    this.git = git;
    this.heads = new SharedHeads(git, clock);
    this.environments = environments;
    this.snapshots = snapshots;
    this.observer = observer;
    this.renderer = renderer;
  }

  /**
   * What a run reconciles.
   *
   * @param head the ref's revision (or the requested one) as fetched now
   * @param revision the revision reconciled
   * @param stored the desired state from a snapshot, which is not verified or rendered again; null
   *     when the revision is rendered from Git
   */
  record Resolved(Revision head, Revision revision, DesiredState stored) {}

  Resolved resolve(Environment environment, Source source, SyncQuestion question) {
    if (SyncDecision.decide(question).follow() == SyncDecision.Follow.REQUESTED) {
      Revision requested = git.update(source, question.options().revision());
      return new Resolved(requested, requested, null);
    }
    Revision head =
        heads.head(source, environment.ref(), shareFor(question), question.state().lastCheckedAt());
    Pin pin = question.state().pin();
    boolean restoreOnBranch =
        pin != null
            && pin.restoreCommit() != null
            && (head.equals(pin.restoreCommit())
                || git.isAncestor(source, pin.restoreCommit(), head));
    SyncDecision decision = SyncDecision.decide(question.atHead(head, restoreOnBranch));
    if (decision.unpin() != null) {
      LOG.info(
          "environment {}: {}; unpinned from {}",
          environment.name(),
          decision.unpin(),
          pin.revision().shortId());
      environments.unpin(environment.name());
      observer.unpinned(environment.name(), pin, decision.unpin());
    }
    if (decision.follow() == SyncDecision.Follow.REF) {
      return new Resolved(head, head, null);
    }
    return new Resolved(head, pin.revision(), pinned(environment, source, pin));
  }

  /**
   * How old a head a run may take from another run's remote check: up to the interval for a
   * scheduled check on one; none for every other trigger (webhook, API, rollback, retry) or a cron
   * schedule, which ask the remote now.
   */
  private static Duration shareFor(SyncQuestion question) {
    if (question.trigger() == TriggerType.SCHEDULE
        && question.policy().schedule() instanceof SyncPolicy.Schedule.Interval interval) {
      return interval.every();
    }
    return null;
  }

  /** The pinned state from its snapshot when Git no longer vouches for it; null to render it. */
  private DesiredState pinned(Environment environment, Source source, Pin pin) {
    if (pin.automatic() && pin.snapshotRun() != null) {
      Optional<DesiredState> stored = stored(environment, source, pin);
      if (stored.isPresent()) {
        return stored.get();
      }
    }
    try {
      git.update(source, pin.revision().value());
      if (pin.snapshotRun() == null || git.isReachable(source, pin.revision())) {
        return null;
      }
    } catch (UnknownRefException e) {
      if (pin.snapshotRun() == null) {
        throw e;
      }
    }
    // Force-pushed away: no branch or tag vouches for the revision any more.
    DesiredState stored =
        stored(environment, source, pin)
            .orElseThrow(
                () ->
                    new UnknownRefException(
                        source.name().value(),
                        pin.revision().value(),
                        "pinned revision %s is no longer in source '%s' and the snapshot of run %s is gone"
                            .formatted(pin.revision().value(), source.name(), pin.snapshotRun())));
    LOG.info(
        "environment {}: pinned revision {} is no longer in source {}; re-applying the"
            + " snapshot of run {}",
        environment.name(),
        pin.revision().shortId(),
        source.name(),
        pin.snapshotRun());
    return stored;
  }

  /** What the pin's run applied, with contents from the snapshot store. */
  private Optional<DesiredState> stored(Environment environment, Source source, Pin pin) {
    if (pin.snapshotRun() == null) {
      return Optional.empty();
    }
    return snapshots
        .ofRun(pin.snapshotRun())
        .map(snapshot -> renderer.stored(snapshot, pin.revision(), snapshots, environment, source));
  }
}
