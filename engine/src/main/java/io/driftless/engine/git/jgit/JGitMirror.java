package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.GitWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The sources' Git repositories on JGit: one bare clone per source under {@code
 * <workDir>/sources/<source>}, mirroring the remote's branches and tags (deleted branches pruned),
 * read through {@link #reader()} and written through {@link #writer()}. Other refs ({@code
 * refs/pull/7/head}, the remote's {@code HEAD}) are fetched on demand into {@code
 * refs/driftless/...}, and revisions that no branch or tag reaches into {@code
 * refs/driftless/revisions/<sha>}, so that a pinned revision survives a force push.
 *
 * <p>This class wires the parts and owns what they share: the clones ({@link SourceClones}), the
 * calls to remotes with their timeout and counters ({@link GitRemote}), the credentials and SSH
 * sessions ({@link SourceCredentials}) and the in-flight fetches ({@link CoalescingFetcher}).
 * Thread-safe; repositories and SSH sessions stay open until {@link #close()}.
 */
public final class JGitMirror implements AutoCloseable {
  /** Used when no timeout is given: generous for a large first clone over a slow link. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final SourceClones clones;
  private final SourceCredentials credentials;
  private final GitRemote remote;
  private final GitReader reader;
  private final GitWriter writer;

  /**
   * @param workDir where the clones live ({@code sources/}) and per-source SSH state ({@code
   *     ssh/}); created when missing
   * @param timeout connect and read timeout of every remote operation, rounded up to seconds
   * @param named the named credentials sources may refer to, looked up at each remote call
   */
  public JGitMirror(
      Path workDir, Duration timeout, Function<CredentialName, Optional<Credential>> named) {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("git timeout must be positive: " + timeout);
    }
    int timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    this.clones = new SourceClones(workDir.resolve("sources"));
    this.credentials = new SourceCredentials(workDir.resolve("ssh"), named);
    this.remote = new GitRemote(credentials, timeoutSeconds);
    CoalescingFetcher fetcher = new CoalescingFetcher(clones, remote);
    this.reader = new JGitReader(fetcher, new TreeReader(clones), new HistoryReader(clones));
    BranchPushes branches = new BranchPushes(clones, remote);
    this.writer =
        new JGitWriter(
            new RestoreCommits(clones, fetcher, branches),
            new PromotionBuilder(clones),
            new PromotionPushes(clones, fetcher, branches));
  }

  /** A mirror whose sources use no named credentials. */
  public JGitMirror(Path workDir, Duration timeout) {
    this(workDir, timeout, name -> Optional.empty());
  }

  public JGitMirror(Path workDir) {
    this(workDir, DEFAULT_TIMEOUT);
  }

  /** Fetching and reading the sources' clones. */
  public GitReader reader() {
    return reader;
  }

  /** Restore and promotion commits, and their pushes. */
  public GitWriter writer() {
    return writer;
  }

  /** Fetches run so far; an update that finds the remote unchanged runs none. */
  public long fetchCount() {
    return remote.fetchCount();
  }

  /** Remote-head checks (ls-remote) run so far. */
  public long remoteCheckCount() {
    return remote.remoteCheckCount();
  }

  /** Remote operations (checks, fetches and pushes) that failed. */
  public long failureCount() {
    return remote.failureCount();
  }

  @Override
  public void close() {
    clones.close();
    credentials.close();
  }
}
