package io.driftless.api.preview;

import io.driftless.api.githost.CommitStatus;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.reconcile.RunObserver;

/**
 * The final status after a merge: when a run applies a revision of a source with a host API (the
 * push that follows the merge, or any later run), the revision gets {@code driftless/<environment>}
 * success "applied at revision X" or failure with the reason. Runs with nothing to do and
 * interrupted runs report nothing. The host call is made on the preview pool, never on the run's
 * thread.
 */
public final class AppliedStatuses implements RunObserver {
  private final EnvironmentCatalog environments;
  private final PreviewService previews;

  public AppliedStatuses(EnvironmentCatalog environments, PreviewService previews) {
    this.environments = environments;
    this.previews = previews;
  }

  @Override
  public void runFinished(EnvironmentName environment, RunId run, RunResult result) {
    if (run == null
        || result.revision() == null
        || (result.status() != RunStatus.SUCCEEDED && result.status() != RunStatus.FAILED)) {
      return;
    }
    previews.submit("final status of run " + run.value(), () -> report(environment, run, result));
  }

  private void report(EnvironmentName name, RunId run, RunResult result) {
    Environment environment = environments.find(name).orElse(null);
    if (environment == null) {
      return;
    }
    previews
        .host(environment.source())
        .ifPresent(
            host -> {
              String revision = result.revision().value();
              String at = PreviewComment.shortId(revision);
              CommitStatus status =
                  result.status() == RunStatus.SUCCEEDED
                      ? new CommitStatus(
                          CommitStatus.State.SUCCESS,
                          PreviewService.context(environment),
                          "applied at revision " + at + ": " + result.plan().summary(),
                          link(run))
                      : new CommitStatus(
                          CommitStatus.State.FAILURE,
                          PreviewService.context(environment),
                          "failed at revision " + at + ": " + result.error().message(),
                          link(run));
              host.setStatus(revision, status);
            });
  }

  private String link(RunId run) {
    String base = previews.externalUrl();
    return base == null ? null : base + "/runs/" + run.value();
  }
}
