package io.driftless.scheduler;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import java.time.Instant;
import java.util.Objects;

/** Where the scheduler records decisions a person made, for the audit log. */
public interface Auditor {

  /** A manual sync forced through a closed sync window. */
  record WindowOverride(
      EnvironmentName environment, RunId run, String actor, String reason, Instant at) {
    public WindowOverride {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(run, "run");
      Objects.requireNonNull(at, "at");
      actor = actor == null || actor.isBlank() ? "system" : actor;
      reason = reason == null ? "" : reason;
    }
  }

  /** Records that {@code override.actor} synced inside a closed window; must not fail silently. */
  void windowOverridden(WindowOverride override);

  /** Records nothing. */
  Auditor NONE = override -> {};
}
