package io.driftless.api.service;

import io.driftless.api.model.EnvironmentResponse;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.reconcile.RunObserver;

/**
 * Audits the pins runs set and release on their own, as {@code environment.rollback} and {@code
 * environment.unpin} like the ones people ask for: an automatic rollback after failed health (by
 * {@code driftless}, with the failure as the reason), and its release by a new commit or the
 * arrival of a restore commit.
 */
public final class PinAudit implements RunObserver {
  private final Audit audit;
  private final EnvironmentCatalog environments;

  public PinAudit(Audit audit, EnvironmentCatalog environments) {
    this.audit = audit;
    this.environments = environments;
  }

  @Override
  public void pinned(EnvironmentName environment, Pin pin) {
    audit.record(
        pin.by(),
        "environment.rollback",
        "environment",
        environment.value(),
        pin.reason(),
        null,
        view(environment));
  }

  @Override
  public void unpinned(EnvironmentName environment, Pin released, String why) {
    audit.record(
        Pin.AUTOMATIC_ACTOR,
        "environment.unpin",
        "environment",
        environment.value(),
        why,
        null,
        view(environment));
  }

  private EnvironmentResponse view(EnvironmentName environment) {
    return environments.view(environment).map(EnvironmentResponse::from).orElse(null);
  }
}
