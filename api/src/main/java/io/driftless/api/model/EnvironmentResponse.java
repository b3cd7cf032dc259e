package io.driftless.api.model;

import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.PlaceState;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.git.Commit;
import io.driftless.engine.port.query.EnvironmentSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An environment with its spec and status.
 *
 * @param commit the commit of the revision live is at ({@code state.syncedRevision}, or {@code
 *     headRevision} before the first apply); null when the source's clone does not hold it
 * @param notifications its own notification targets, without URLs or secrets
 * @param sensitive its sensitive globs (Kubernetes Secrets are sensitive without one)
 * @param promotion how it receives promotions; null for none
 * @param decrypt whether its SOPS files are decrypted during a sync
 * @param decryption how the files it decrypts are written (their {@code mode})
 * @param managedBy the owner and file of the document that declares it; null when registered by
 *     REST
 */
public record EnvironmentResponse(
    String name,
    String source,
    String ref,
    String path,
    String renderer,
    CommandBody renderCommand,
    VariablesBody variables,
    TargetBody target,
    SyncPolicyBody sync,
    List<IgnoreBody> ignore,
    List<String> sensitive,
    PromotionBody promotion,
    boolean decrypt,
    DecryptedFilesBody decryption,
    List<NotificationTargetBody.View> notifications,
    String status,
    StateView state,
    HostsView hosts,
    RunResponse lastRun,
    CommitView commit,
    Instant createdAt,
    Instant updatedAt,
    ManagedBy managedBy) {

  /**
   * What Driftless knows between runs.
   *
   * @param syncedRevision the revision of the last successful apply
   * @param headRevision the ref's revision at the last check
   * @param pinnedByAutoRollback the pin was set by automatic rollback; the next new commit releases
   *     it
   * @param pinnedBy who pinned: a token name, or {@code driftless} for an automatic rollback
   * @param pinnedReason why
   * @param pinnedRestoreCommit the restore commit whose arrival on the branch releases the pin
   * @param pinnedRestoreError why the restore commit could not be pushed
   * @param retired removed from its documents with prune: it runs no more, its history is kept
   */
  public record StateView(
      String syncedRevision,
      String headRevision,
      String health,
      boolean outOfSync,
      boolean drift,
      String pinnedRevision,
      boolean pinnedByAutoRollback,
      String pinnedBy,
      String pinnedReason,
      Instant pinnedAt,
      String pinnedRestoreCommit,
      String pinnedRestoreError,
      boolean suspended,
      Instant lastCheckedAt,
      boolean retired) {
    static StateView from(EnvironmentState s) {
      Pin pin = s.pin();
      return new StateView(
          value(s.appliedRevision()),
          value(s.headRevision()),
          Fields.lower(s.health()),
          s.outOfSync(),
          s.drift(),
          value(s.pinnedRevision()),
          s.pinnedByAutoRollback(),
          pin == null ? null : pin.by(),
          pin == null ? null : pin.reason(),
          pin == null ? null : pin.at(),
          pin == null ? null : value(pin.restoreCommit()),
          pin == null ? null : pin.restoreError(),
          s.suspended(),
          s.lastCheckedAt(),
          s.retired());
    }
  }

  /**
   * How many hosts of an ssh target are in each state after the last run or check, each host's
   * state ({@code synced}, {@code drifted}, {@code out_of_sync}, {@code failed}) and the revision
   * last applied there in full (absent for a host never brought to one); null for other targets.
   */
  public record HostsView(
      int synced,
      int drifted,
      int outOfSync,
      int failed,
      Map<String, String> states,
      Map<String, String> revisions) {
    static HostsView from(Map<String, PlaceStatus> places) {
      if (places.isEmpty()) {
        return null;
      }
      Map<String, String> states = new TreeMap<>();
      Map<String, String> revisions = new TreeMap<>();
      places.forEach(
          (host, place) -> {
            states.put(host, Fields.lower(place.state()));
            if (place.revision() != null) {
              revisions.put(host, place.revision().value());
            }
          });
      return new HostsView(
          count(places, PlaceState.SYNCED),
          count(places, PlaceState.DRIFTED),
          count(places, PlaceState.OUT_OF_SYNC),
          count(places, PlaceState.FAILED),
          states,
          revisions);
    }

    private static int count(Map<String, PlaceStatus> places, PlaceState state) {
      return (int) places.values().stream().filter(p -> p.state() == state).count();
    }
  }

  /** A commit as status views show it: the first line of its message, its author and time. */
  public record CommitView(String revision, String message, String author, Instant at) {
    public static CommitView from(Commit commit) {
      return new CommitView(
          commit.revision().value(), commit.subject(), commit.authorName(), commit.time());
    }
  }

  public EnvironmentResponse withCommit(CommitView commit) {
    return copy(commit, managedBy);
  }

  public EnvironmentResponse withManagedBy(ManagedBy owner) {
    return copy(commit, owner);
  }

  private EnvironmentResponse copy(CommitView commit, ManagedBy managedBy) {
    return new EnvironmentResponse(
        name,
        source,
        ref,
        path,
        renderer,
        renderCommand,
        variables,
        target,
        sync,
        ignore,
        sensitive,
        promotion,
        decrypt,
        decryption,
        notifications,
        status,
        state,
        hosts,
        lastRun,
        commit,
        createdAt,
        updatedAt,
        managedBy);
  }

  public static EnvironmentResponse from(EnvironmentSummary summary) {
    return from(summary, EnvironmentRequest.from(summary.environment()));
  }

  /** As {@link #from(EnvironmentSummary)}, with the spec already in its wire form. */
  public static EnvironmentResponse from(EnvironmentSummary summary, EnvironmentRequest spec) {
    return new EnvironmentResponse(
        spec.name(),
        spec.source(),
        spec.ref(),
        spec.path(),
        spec.renderer(),
        spec.renderCommand(),
        spec.variables(),
        spec.target(),
        spec.sync(),
        spec.ignore(),
        spec.sensitive(),
        spec.promotion(),
        summary.environment().decrypt(),
        DecryptedFilesBody.from(summary.environment().decryptedMode()),
        NotificationTargetBody.View.from(summary.notifications()),
        Fields.lower(summary.status()),
        StateView.from(summary.state()),
        HostsView.from(summary.places()),
        summary.lastRun() == null ? null : RunResponse.from(summary.lastRun()),
        null,
        summary.createdAt(),
        summary.updatedAt(),
        null);
  }

  private static String value(Revision revision) {
    return revision == null ? null : revision.value();
  }
}
