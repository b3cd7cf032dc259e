package io.driftless.engine.port.query;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.sensitive.SensitiveValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One planned change of a run as stored: contents by hash, so a diff is computed on read from the
 * snapshot store's contents.
 *
 * @param seq the position in the plan, from 0
 * @param result null when the run recorded no outcome for it
 * @param beforeHash null for a create
 * @param afterHash null for a delete
 * @param valuesChanged for a decrypted SOPS file or object, how many of its values the change
 *     changes (computed as the run applied it, from both plaintexts, and kept as a count only);
 *     null for any other resource and when not known
 */
public record RunChange(
    int seq,
    ResourceKey key,
    ChangeAction action,
    ResourceOutcome.Result result,
    String message,
    ResourceKind beforeKind,
    ContentHash beforeHash,
    ResourceKind afterKind,
    ContentHash afterHash,
    boolean adopt,
    boolean drift,
    Integer valuesChanged) {
  public RunChange {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(action, "action");
    message = message == null ? "" : message;
  }

  /**
   * The changes a run records, in order: the plan's changes with their outcomes, then the outcomes
   * of changes the plan did not hold. {@code seq} counts from 0.
   */
  public static List<RunChange> of(RunResult result) {
    Map<ResourceKey, ResourceOutcome> outcomes = new HashMap<>();
    for (ResourceOutcome outcome : result.outcomes()) {
      outcomes.put(outcome.key(), outcome);
    }
    List<RunChange> rows = new ArrayList<>();
    for (Change change : result.plan().changes()) {
      rows.add(of(rows.size(), change, outcomes.remove(change.key())));
    }
    for (ResourceOutcome outcome : result.outcomes()) {
      if (outcomes.remove(outcome.key()) != null) {
        rows.add(of(rows.size(), outcome.change(), outcome));
      }
    }
    return rows;
  }

  private static RunChange of(int seq, Change change, ResourceOutcome outcome) {
    return new RunChange(
        seq,
        change.key(),
        change.action(),
        outcome == null ? null : outcome.result(),
        outcome == null ? null : outcome.message(),
        change.before() == null ? null : change.before().kind(),
        change.before() == null ? null : change.before().hash(),
        change.after() == null ? null : change.after().kind(),
        change.after() == null ? null : change.after().hash(),
        change.adopt(),
        change.drift(),
        SensitiveValues.valuesChanged(change));
  }
}
