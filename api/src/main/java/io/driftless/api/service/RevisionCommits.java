package io.driftless.api.service;

import io.driftless.api.model.EnvironmentResponse;
import io.driftless.api.model.EnvironmentResponse.CommitView;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.git.GitException;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.port.SourceCatalog;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit behind an environment's revision (subject, author, time) for status views: read from
 * the source's local clone, never the network, and remembered, since a commit never changes. A
 * revision the clone does not hold (yet) is simply left out.
 */
public final class RevisionCommits {
  private static final Logger LOG = LoggerFactory.getLogger(RevisionCommits.class);
  private static final int REMEMBERED = 10_000;

  private final GitReader git;
  private final SourceCatalog sources;
  private final Map<String, CommitView> cache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CommitView> eldest) {
              return size() > REMEMBERED;
            }
          });

  public RevisionCommits(GitReader git, SourceCatalog sources) {
    this.git = git;
    this.sources = sources;
  }

  /**
   * The environment with the commit of the revision live is at ({@code syncedRevision}, or {@code
   * headRevision} before the first apply).
   */
  public EnvironmentResponse describe(EnvironmentResponse environment) {
    EnvironmentResponse.StateView state = environment.state();
    String revision =
        state.syncedRevision() != null ? state.syncedRevision() : state.headRevision();
    if (revision == null) {
      return environment;
    }
    String key = environment.source() + '@' + revision;
    CommitView commit = cache.get(key);
    if (commit == null) {
      commit = read(environment.source(), revision).orElse(null);
      if (commit == null) {
        return environment;
      }
      cache.put(key, commit);
    }
    return environment.withCommit(commit);
  }

  private Optional<CommitView> read(String sourceName, String revision) {
    try {
      Optional<Source> source = sources.find(SourceName.of(sourceName));
      return source.map(s -> CommitView.from(git.commit(s, Revision.of(revision))));
    } catch (GitException | UncheckedIOException e) {
      LOG.debug("commit {} of source {} not readable: {}", revision, sourceName, e.getMessage());
      return Optional.empty();
    }
  }
}
