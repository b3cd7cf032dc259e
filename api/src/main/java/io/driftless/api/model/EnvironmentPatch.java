package io.driftless.api.model;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.SourceName;
import io.driftless.storage.model.NotificationTarget;
import java.util.List;

/**
 * {@code PATCH /api/v1/environments/{name}}: the fields present replace the stored ones; {@code
 * sync} and {@code notifications} are replaced as a whole ({@code []} removes every target).
 */
public record EnvironmentPatch(
    String source,
    String ref,
    String path,
    VariablesBody variables,
    TargetBody target,
    SyncPolicyBody sync,
    List<NotificationTargetBody> notifications) {

  public EnvironmentPatch(
      String source,
      String ref,
      String path,
      VariablesBody variables,
      TargetBody target,
      SyncPolicyBody sync) {
    this(source, ref, path, variables, target, sync, null);
  }

  public EnvironmentPatch {
    if (ref != null && ref.isBlank()) {
      throw new InvalidFieldException("ref", "ref must not be empty");
    }
  }

  /** The new notification targets, checked; null when the patch leaves them as they are. */
  public List<NotificationTarget> notificationTargets() {
    return NotificationTargetBody.toDomain("notifications", notifications);
  }

  /** A new kubernetes target keeps the environment's ignore rules. */
  private static io.driftless.engine.domain.TargetSpec keepingRules(
      io.driftless.engine.domain.TargetSpec next, Environment e) {
    return next instanceof io.driftless.engine.domain.TargetSpec.Kubernetes
        ? IgnoreBody.withRules(next, IgnoreBody.of(e.target()))
        : next;
  }

  public Environment applyTo(Environment e) {
    return new Environment(
        e.name(),
        source == null ? e.source() : Fields.check("source", () -> SourceName.of(source)),
        ref == null ? e.ref() : ref,
        path == null ? e.path() : Fields.check("path", () -> Environment.normalizePath(path)),
        e.renderer(),
        variables == null ? e.variables() : variables.toDomain(),
        target == null ? e.target() : keepingRules(target.toDomain(), e),
        sync == null ? e.sync() : sync.toDomain());
  }
}
