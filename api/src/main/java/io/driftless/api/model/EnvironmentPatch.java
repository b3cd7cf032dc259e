package io.driftless.api.model;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.SourceName;

/**
 * {@code PATCH /api/v1/environments/{name}}: the fields present replace the stored ones; {@code
 * sync} is replaced as a whole.
 */
public record EnvironmentPatch(
    String source,
    String ref,
    String path,
    VariablesBody variables,
    TargetBody target,
    SyncPolicyBody sync) {

  public EnvironmentPatch {
    if (ref != null && ref.isBlank()) {
      throw new InvalidFieldException("ref", "ref must not be empty");
    }
  }

  public Environment applyTo(Environment e) {
    return new Environment(
        e.name(),
        source == null ? e.source() : Fields.check("source", () -> SourceName.of(source)),
        ref == null ? e.ref() : ref,
        path == null ? e.path() : Fields.check("path", () -> Environment.normalizePath(path)),
        e.renderer(),
        variables == null ? e.variables() : variables.toDomain(),
        target == null ? e.target() : target.toDomain(),
        sync == null ? e.sync() : sync.toDomain());
  }
}
