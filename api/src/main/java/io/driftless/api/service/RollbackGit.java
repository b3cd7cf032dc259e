package io.driftless.api.service;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.CommitIdentity;
import io.driftless.engine.git.GitException;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.GitWriter;
import io.driftless.engine.git.RestoreRequest;
import io.driftless.engine.git.UnknownRefException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.SourceCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a rollback asks of the environment's source in Git: whether it still has a revision, and the
 * restore commit a rollback may ask for (on the environment's branch, its path put back to the
 * pinned content, by the server's commit author). A refused push keeps the pin and records why; the
 * environment is still rolled back.
 *
 * @param author who the restore commits are by
 */
public record RollbackGit(
    SourceCatalog sources, GitReader reader, GitWriter commits, CommitIdentity author) {
  private static final Logger LOG = LoggerFactory.getLogger(RollbackGit.class);

  /** The revision as the source has it; null when the source does not have it (any more). */
  Revision inSource(Environment environment, Revision revision) {
    try {
      return reader.update(source(environment), revision.value());
    } catch (UnknownRefException e) {
      return null;
    }
  }

  /** The pin with its restore commit pushed, or with why it could not be. */
  Pin restore(Environment environment, Pin pin) {
    Source source = source(environment);
    String message =
        "Restore "
            + environment.path()
            + " to "
            + pin.revision().shortId()
            + "\n\nRollback of environment "
            + environment.name()
            + " by "
            + pin.by()
            + ": "
            + pin.reason()
            + "\n";
    try {
      Revision commit =
          commits.restorePath(
              source,
              new RestoreRequest(
                  environment.ref(), environment.path(), pin.revision(), author, message));
      return pin.withRestore(commit, null);
    } catch (GitException e) {
      LOG.warn(
          "environment {}: restore commit on {} not pushed; the pin stays: {}",
          environment.name(),
          environment.ref(),
          e.getMessage());
      return pin.withRestore(null, e.getMessage());
    }
  }

  private Source source(Environment environment) {
    return sources
        .find(environment.source())
        .orElseThrow(() -> new NotFoundException("source", environment.source().value()));
  }
}
