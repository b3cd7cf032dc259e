package io.driftless.engine.reconcile;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.VerifyPolicy;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.render.RenderCache;
import io.driftless.engine.verify.CommitVerifier;

/**
 * Step: a revision's desired state. Its commit is verified when the source requires signatures,
 * then the environment's path is rendered; the path's Git tree id keys the render cache, so a
 * commit that does not touch the path is not rendered again.
 */
record RevisionRenderer(GitReader git, CommitVerifier verifier, RenderCache cache) {
  void verify(Source source, Revision revision) {
    if (source.verify().mode() != VerifyPolicy.Mode.NONE) {
      verifier.verify(source, git.commit(source, revision));
    }
  }

  DesiredState render(Source source, Environment environment, Revision revision) {
    return cache.render(
        source,
        environment,
        revision,
        git.treeId(source, revision, environment.path()),
        () -> git.readPath(source, revision, environment.path()));
  }
}
