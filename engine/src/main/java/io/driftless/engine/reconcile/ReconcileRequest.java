package io.driftless.engine.reconcile;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.Trigger;
import java.util.Objects;

/**
 * One reconcile of one environment for one trigger.
 *
 * @param run the queued run this request fulfils; null for a scheduled check, whose run row is
 *     created only if it finds something to do or fails
 */
public record ReconcileRequest(
    EnvironmentName environment, Trigger trigger, SyncOptions options, RunId run) {
  public ReconcileRequest {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(trigger, "trigger");
    options = options == null ? SyncOptions.defaults() : options;
  }

  public static ReconcileRequest scheduled(EnvironmentName environment) {
    return new ReconcileRequest(environment, Trigger.schedule(), SyncOptions.defaults(), null);
  }
}
