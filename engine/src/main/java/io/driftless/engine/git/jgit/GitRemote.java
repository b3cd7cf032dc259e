package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.Source;
import io.driftless.engine.git.GitAccessException;
import io.driftless.engine.git.jgit.SourceCredentials.Access;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls to a source's remote: ls-remote, fetch and push, each with the timeout, the source's
 * credentials ({@link SourceCredentials}) and a typed failure that never carries a credential
 * ({@link RemoteFailure}). It counts what it does, for the server's metrics.
 */
final class GitRemote {
  private static final Logger LOG = LoggerFactory.getLogger(GitRemote.class);

  private final SourceCredentials credentials;
  private final int timeoutSeconds;
  private final LongAdder fetchCount = new LongAdder();
  private final LongAdder remoteCheckCount = new LongAdder();
  private final LongAdder failureCount = new LongAdder();

  /**
   * @param timeoutSeconds connect and read timeout of every call
   */
  GitRemote(SourceCredentials credentials, int timeoutSeconds) {
    GitDaemonTransport.register();
    this.credentials = credentials;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** The connect and read timeout of every call. */
  Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }

  long fetchCount() {
    return fetchCount.sum();
  }

  long remoteCheckCount() {
    return remoteCheckCount.sum();
  }

  long failureCount() {
    return failureCount.sum();
  }

  /** The remote's refs (ls-remote), read directly for a repository on this host. */
  Map<String, Ref> listRefs(Source named) {
    remoteCheckCount.increment();
    Map<String, Ref> local = localRefs(named.url());
    if (local != null) {
      return local;
    }
    Source source = credentials.resolve(named);
    try {
      return configure(Git.lsRemoteRepository().setRemote(source.url()), source, Access.READ)
          .callAsMap();
    } catch (GitAPIException | JGitInternalException e) {
      throw failure(source, Access.READ, e);
    }
  }

  /**
   * Fetches {@code specs} into {@code repo}, without tags other than those the specs name.
   *
   * @param prune whether refs the remote no longer has are deleted
   */
  void fetch(Source named, Repository repo, List<RefSpec> specs, boolean prune) {
    long start = System.nanoTime();
    Source source = credentials.resolve(named);
    try {
      configure(
              Git.wrap(repo)
                  .fetch()
                  .setRemote(source.url())
                  .setRefSpecs(specs)
                  .setRemoveDeletedRefs(prune)
                  .setTagOpt(TagOpt.NO_TAGS),
              source,
              Access.READ)
          .call();
    } catch (GitAPIException | JGitInternalException e) {
      throw failure(source, Access.READ, e);
    } finally {
      fetchCount.increment();
    }
    LOG.debug(
        "source {}: fetched {} in {} ms",
        source.name(),
        specs,
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Pushes one ref spec with the source's write credentials; with a lease, only if the remote ref
   * is still at the leased id. What the remote said of each ref is in the results: a refusal is not
   * an exception here.
   *
   * @param lease the id the remote ref must have (zero id: it must not exist); null for none
   * @throws GitAccessException when the remote cannot be reached or refuses the credentials
   */
  Iterable<PushResult> push(Source named, Repository repo, RefSpec spec, RefLeaseSpec lease) {
    Source source = credentials.resolve(named);
    try {
      PushCommand push = Git.wrap(repo).push().setRemote(source.url()).setRefSpecs(spec);
      if (lease != null) {
        push.setRefLeaseSpecs(lease);
      }
      return configure(push, source, Access.WRITE).call();
    } catch (GitAPIException | JGitInternalException e) {
      throw failure(source, Access.WRITE, e);
    }
  }

  private <C extends TransportCommand<C, ?>> C configure(C command, Source source, Access access) {
    command.setTimeout(timeoutSeconds);
    return credentials.apply(command, source, access);
  }

  private GitAccessException failure(Source source, Access access, Exception e) {
    failureCount.increment();
    return RemoteFailure.of(
        source.name().value(), source.url(), access.of(source), timeoutSeconds, e);
  }

  /**
   * The refs of a repository on this host ({@code file://} or a plain path), read directly: the
   * same answer as ls-remote without starting an upload-pack, so a no-op check of a local source
   * costs well under a millisecond. Null when the URL is not local or does not open as a
   * repository; the transport then reports the failure as usual.
   */
  private static Map<String, Ref> localRefs(String url) {
    File dir;
    try {
      URIish uri = new URIish(url);
      if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
        return null;
      }
      if (uri.getScheme() == null && uri.getHost() != null) {
        return null; // scp-like user@host:path
      }
      dir = new File(uri.getPath());
    } catch (URISyntaxException e) {
      return null;
    }
    File gitDir = RepositoryCache.FileKey.resolve(dir, FS.DETECTED);
    if (gitDir == null) {
      return null;
    }
    try (Repository remote =
        RepositoryCache.open(RepositoryCache.FileKey.exact(gitDir, FS.DETECTED), true)) {
      Map<String, Ref> refs = new HashMap<>();
      for (Ref ref : remote.getRefDatabase().getRefs()) {
        refs.put(ref.getName(), ref);
      }
      Ref head = remote.exactRef(Constants.HEAD);
      if (head != null) {
        refs.put(Constants.HEAD, head);
      }
      return refs;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
