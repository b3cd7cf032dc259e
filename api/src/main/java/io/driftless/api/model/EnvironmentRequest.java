package io.driftless.api.model;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.SourceName;

/** {@code POST /api/v1/environments}: what to keep in sync, where, and how. */
public record EnvironmentRequest(
    String name,
    String source,
    String ref,
    String path,
    String renderer,
    VariablesBody variables,
    TargetBody target,
    SyncPolicyBody sync) {

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
