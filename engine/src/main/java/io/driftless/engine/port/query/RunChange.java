package io.driftless.engine.port.query;

import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.ResourceOutcome;
import java.util.Objects;

/**
 * One planned change of a run as stored: contents by hash, so a diff is computed on read from the
 * snapshot store's contents.
 *
 * @param seq the position in the plan, from 0
 * @param result null when the run recorded no outcome for it
 * @param beforeHash null for a create
 * @param afterHash null for a delete
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
    boolean drift) {
  public RunChange {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(action, "action");
    message = message == null ? "" : message;
  }
}
