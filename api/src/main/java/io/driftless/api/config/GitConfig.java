package io.driftless.api.config;

import io.driftless.engine.domain.GitUrlPolicy;
import io.driftless.engine.git.CommitIdentity;
import io.driftless.engine.git.jgit.JGitMirror;
import io.driftless.engine.port.CredentialStore;
import io.dropwizard.util.Duration;
import java.nio.file.Path;

/**
 * Where the cached bare clones live, how long a remote may take, and who restore commits are by.
 *
 * @param workDir null for {@code <dataDir>/git}
 * @param commitAuthor author and committer of the restore commits a rollback with {@code
 *     revertCommit} pushes; null for {@code Driftless <driftless@localhost>}
 * @param allowLocalUrls whether a source may be a {@code file://} URL or a path on the server's
 *     disk; off by default, since it lets an admin token read any repository the server can (the
 *     demo and the test harnesses turn it on)
 * @param allowHttpHostApis whether a Git host API may be reached over {@code http://}; off by
 *     default, since its token would cross the network in the clear
 */
public record GitConfig(
    String workDir,
    Duration timeout,
    CommitAuthor commitAuthor,
    boolean allowLocalUrls,
    boolean allowHttpHostApis) {

  /** A name and an email, as Git records them. */
  public record CommitAuthor(String name, String email) {
    public CommitAuthor {
      // Validated here so that a bad config fails at startup, not at the first rollback.
      new CommitIdentity(name, email);
    }
  }

  public GitConfig {
    workDir = workDir == null || workDir.isBlank() ? null : workDir;
    timeout = timeout == null ? Duration.seconds(JGitMirror.DEFAULT_TIMEOUT.toSeconds()) : timeout;
    if (timeout.toMilliseconds() <= 0) {
      throw new IllegalArgumentException("git.timeout must be positive");
    }
  }

  public static GitConfig defaults() {
    return new GitConfig(null, null, null, false, false);
  }

  public Path workDir(Path dataDir) {
    return workDir == null ? dataDir.resolve("git") : Path.of(workDir).toAbsolutePath().normalize();
  }

  /** What this server accepts as a source URL and a host API address. */
  public GitUrlPolicy buildUrlPolicy() {
    return new GitUrlPolicy(allowLocalUrls, allowHttpHostApis);
  }

  public CommitIdentity buildCommitIdentity() {
    return commitAuthor == null
        ? CommitIdentity.defaults()
        : new CommitIdentity(commitAuthor.name(), commitAuthor.email());
  }

  /** The sources' mirror; sources may authenticate with the named credentials in {@code named}. */
  public JGitMirror buildMirror(Path dataDir, CredentialStore named) {
    return new JGitMirror(workDir(dataDir), timeout.toJavaDuration(), named::find);
  }
}
