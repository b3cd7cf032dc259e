package io.driftless.api.model;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.SourceName;
import io.driftless.storage.model.NotificationTarget;
import java.util.List;

/**
 * {@code POST /api/v1/environments}: what to keep in sync, where, and how.
 *
 * @param notifications where this environment's notifications go, besides the server's targets
 */
public record EnvironmentRequest(
    String name,
    String source,
    String ref,
    String path,
    String renderer,
    VariablesBody variables,
    TargetBody target,
    SyncPolicyBody sync,
    List<NotificationTargetBody> notifications) {

  public EnvironmentRequest(
      String name,
      String source,
      String ref,
      String path,
      String renderer,
      VariablesBody variables,
      TargetBody target,
      SyncPolicyBody sync) {
    this(name, source, ref, path, renderer, variables, target, sync, null);
  }

  public EnvironmentRequest {
    Fields.required("name", name);
    Fields.required("source", source);
    Fields.required("ref", ref);
    Fields.required("target", target);
    if (renderer != null && !renderer.equals("files")) {
      throw new InvalidFieldException(
          "renderer", "renderer must be files (the only renderer so far): " + renderer);
    }
  }

  /** The notification targets, checked; empty when none are given. */
  public List<NotificationTarget> notificationTargets() {
    List<NotificationTarget> targets =
        NotificationTargetBody.toDomain("notifications", notifications);
    return targets == null ? List.of() : targets;
  }

  public Environment toDomain() {
    EnvironmentName environment = Fields.check("name", () -> EnvironmentName.of(name));
    SourceName sourceName = Fields.check("source", () -> SourceName.of(source));
    String normalized = Fields.check("path", () -> Environment.normalizePath(path));
    return new Environment(
        environment,
        sourceName,
        ref,
        normalized,
        RendererSpec.files(),
        variables == null ? null : variables.toDomain(),
        target.toDomain(),
        sync == null ? null : sync.toDomain());
  }
}
