package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.git.GitAccessException;
import io.driftless.engine.git.UnknownRefException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The bare clones, one per source under {@code <sourcesDir>/<source>}, each opened once (created on
 * first use) and kept open until {@link #close()}; and the typed errors of reading one. No
 * credential is ever stored in a clone: fetches and pushes pass the URL and credentials directly.
 */
final class SourceClones implements AutoCloseable {
  private final Path sourcesDir;
  private final ConcurrentMap<SourceName, Repository> repositories = new ConcurrentHashMap<>();

  SourceClones(Path sourcesDir) {
    this.sourcesDir = sourcesDir;
  }

  /** The source's bare clone, opened once (created on first use). */
  Repository repository(Source source) {
    return repositories.computeIfAbsent(source.name(), name -> open(source));
  }

  private Repository open(Source source) {
    Path dir = sourcesDir.resolve(source.name().value());
    try {
      if (!Files.isRegularFile(dir.resolve("config"))) {
        Files.createDirectories(dir);
        Git.init().setBare(true).setGitDir(dir.toFile()).setInitialBranch("main").call().close();
      }
      Repository repo =
          new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
      StoredConfig config = repo.getConfig();
      // For people who look into the clone; no credential is ever stored here.
      String shownUrl = RemoteFailure.withoutUserInfo(source.url());
      if (!shownUrl.equals(config.getString("remote", "origin", "url"))) {
        config.setString("remote", "origin", "url", shownUrl);
        config.setStringList(
            "remote",
            "origin",
            "fetch",
            RefNames.BRANCHES_AND_TAGS.stream().map(RefSpec::toString).toList());
        config.setBoolean("remote", "origin", "prune", true);
        config.setBoolean("core", null, "logAllRefUpdates", false);
        config.save();
      }
      return repo;
    } catch (IOException | GitAPIException e) {
      throw new GitAccessException(
          source.name().value(),
          RemoteFailure.withoutUserInfo(source.url()),
          GitAccessException.Reason.OTHER,
          "source '%s': cannot open its clone in %s: %s".formatted(source.name(), dir, e),
          e);
    }
  }

  @Override
  public void close() {
    repositories.values().forEach(Repository::close);
    repositories.clear();
  }

  // ---- reading a clone, with typed errors

  /** The id {@code refName} points at in {@code repo}, null when it does not exist. */
  static ObjectId localId(Repository repo, String refName) {
    try {
      Ref ref = repo.exactRef(refName);
      return ref == null ? null : ref.getObjectId();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read ref " + refName, e);
    }
  }

  static boolean hasCommit(Repository repo, ObjectId id) {
    try (RevWalk walk = new RevWalk(repo)) {
      walk.parseCommit(id);
      return true;
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      return false;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read commit " + id.name(), e);
    }
  }

  /** The commit {@code id} (a commit or an annotated tag of one) is, as a revision. */
  static Revision peel(Source source, Repository repo, ObjectId id, String ref) {
    try (RevWalk walk = new RevWalk(repo)) {
      return Revision.of(walk.parseCommit(id).getId().name());
    } catch (IncorrectObjectTypeException e) {
      throw new UnknownRefException(
          source.name().value(),
          ref,
          "source '%s': '%s' does not point at a commit".formatted(source.name(), ref));
    } catch (IOException e) {
      throw localFailure(source, e);
    }
  }

  /**
   * The commit of {@code revision}.
   *
   * @throws UnknownRefException when the clone does not have it
   */
  static RevCommit commit(Source source, RevWalk walk, Revision revision) {
    try {
      return walk.parseCommit(ObjectId.fromString(revision.value()));
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      throw new UnknownRefException(
          source.name().value(),
          revision.value(),
          "source '%s' has no commit %s in its clone".formatted(source.name(), revision.value()));
    } catch (IOException e) {
      throw localFailure(source, e);
    }
  }

  /** The clone could not be read (a disk error, a corrupt object). */
  static GitAccessException localFailure(Source source, IOException e) {
    return new GitAccessException(
        source.name().value(),
        RemoteFailure.withoutUserInfo(source.url()),
        GitAccessException.Reason.OTHER,
        "source '%s': cannot read its clone: %s".formatted(source.name(), e.getMessage()),
        e);
  }
}
