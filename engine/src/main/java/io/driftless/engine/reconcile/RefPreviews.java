package io.driftless.engine.reconcile;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.reconcile.Planner.Planned;
import io.driftless.engine.target.Target;
import io.driftless.engine.target.TargetFactory;
import java.util.List;

/**
 * The plan a ref would apply now, without a lock, a run or a write: the steps of a run up to the
 * diff. For an untrusted head (a fork's pull request) no render command runs and live state is read
 * for the inventory's keys only.
 */
record RefPreviews(
    GitReader git, RevisionRenderer renderer, TargetFactory targets, Planner planner) {

  Reconciler.Preview preview(
      Environment environment, Source source, String ref, boolean untrusted) {
    if (untrusted && environment.renderer() instanceof RendererSpec.Command) {
      throw new UntrustedHeadException(environment.name().value());
    }
    Revision revision = git.update(source, ref == null || ref.isBlank() ? environment.ref() : ref);
    renderer.verify(source, revision);
    // A fork's head never has the server decrypt anything: its SOPS files render as in Git.
    DesiredState rendered =
        renderer.render(source, untrusted ? environment.withDecrypt(false) : environment, revision);
    try (Target target = targets.open(environment)) {
      DesiredState desired = target.place(rendered);
      target.validate(desired);
      Planned planned =
          planner.plan(
              environment.name(),
              target,
              desired,
              environment.sync().prune(),
              PhaseTimer.UNTIMED,
              untrusted);
      return new Reconciler.Preview(
          revision, planned.plan(), environment.sensitive().withDecrypted(decrypted(desired)));
    }
  }

  /** The keys of files decrypted from SOPS files: sensitive wherever they are shown. */
  static List<ResourceKey> decrypted(DesiredState desired) {
    return desired.resources().values().stream()
        .filter(r -> r.content().sealed().isPresent())
        .map(Resource::key)
        .toList();
  }
}
