package io.driftless.engine.reconcile;

import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TriggerType;
import java.util.Objects;

/**
 * Everything the sync decision looks at, and nothing it must fetch.
 *
 * @param trigger what started the run
 * @param options what the requester asked on top of the policy
 * @param policy the environment's sync policy (auto-sync, self-heal)
 * @param state what is known of the environment between runs: suspended, pin, head at last check
 * @param head the ref's revision now; null until it is fetched, and a pin is then held
 * @param restoreCommitOnBranch whether the branch holds the pin's restore commit (the head is that
 *     commit or a descendant of it)
 * @param windowOpen whether the environment's sync windows allow a sync now. Windows are cron
 *     expressions the scheduler evaluates: it holds an automatic run back until they open, so a run
 *     that reached the engine, and a push the scheduler will hold, ask with {@code true}
 */
public record SyncQuestion(
    TriggerType trigger,
    SyncOptions options,
    SyncPolicy policy,
    EnvironmentState state,
    Revision head,
    boolean restoreCommitOnBranch,
    boolean windowOpen) {

  public SyncQuestion {
    Objects.requireNonNull(trigger, "trigger");
    options = options == null ? SyncOptions.defaults() : options;
    Objects.requireNonNull(policy, "policy");
    state = state == null ? EnvironmentState.initial() : state;
  }

  /** A run the engine starts: the scheduler already held it for its windows. */
  public static SyncQuestion ofRun(
      TriggerType trigger, SyncOptions options, SyncPolicy policy, EnvironmentState state) {
    return new SyncQuestion(trigger, options, policy, state, null, false, true);
  }

  /**
   * A push to the ref an environment follows, as the webhook receiver asks it before queuing a run
   * (which the scheduler holds until a window opens).
   */
  public static SyncQuestion ofPush(SyncPolicy policy, EnvironmentState state) {
    return ofRun(TriggerType.WEBHOOK, SyncOptions.defaults(), policy, state);
  }

  /** The same question once the ref's head is known. */
  public SyncQuestion atHead(Revision head, boolean restoreCommitOnBranch) {
    return new SyncQuestion(
        trigger, options, policy, state, head, restoreCommitOnBranch, windowOpen);
  }
}
