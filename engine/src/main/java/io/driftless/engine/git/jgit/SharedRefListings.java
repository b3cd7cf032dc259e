package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.git.GitAccessException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.eclipse.jgit.lib.Ref;

/**
 * The remote's refs (ls-remote) of a source, listed once for every caller waiting at the same time:
 * a push that queues a run of each of 100 environments on one source costs one or two listings, not
 * 100. A caller is only ever answered by a listing that started after it arrived, so it sees every
 * push made before it asked: one that arrives while a listing runs waits for it to end and shares
 * the next one with everyone else who arrived meanwhile.
 *
 * <p>Callers share a listing only when they name the same remote the same way (source name, URL and
 * credentials), and a listing is kept only while a caller is inside: the last one out drops it. A
 * listing whose thread was interrupted answers no one else: the waiters list again. A caller waits
 * at most {@code maxWait} for another's listing.
 */
final class SharedRefListings {
  private record Key(SourceName name, String url, GitAuth auth) {}

  private final Function<Source, Map<String, Ref>> list;
  private final Duration maxWait;
  private final ConcurrentMap<Key, Listings> bySource = new ConcurrentHashMap<>();

  /**
   * {@code list} asks the remote; it is called by one caller at a time per source.
   *
   * @param maxWait how long a caller waits for the listings of others (twice the Git timeout)
   */
  SharedRefListings(Function<Source, Map<String, Ref>> list, Duration maxWait) {
    this.list = list;
    this.maxWait = maxWait;
  }

  /** The remote's refs, as listed after this call began. */
  Map<String, Ref> listRefs(Source source) {
    Key key = new Key(source.name(), source.url(), source.auth());
    Listings listings = enter(key);
    try {
      return listRefs(source, listings);
    } finally {
      leave(key, listings);
    }
  }

  /** How many sources' listings are kept: those with a caller inside. */
  int kept() {
    return bySource.size();
  }

  /** The listings of {@code key}, counting this caller in. */
  private Listings enter(Key key) {
    while (true) {
      Listings listings = bySource.computeIfAbsent(key, k -> new Listings());
      synchronized (listings) {
        if (!listings.dropped) {
          listings.callers++;
          return listings;
        }
      }
    }
  }

  /** Counts this caller out; the last one drops the listings, and the refs with them. */
  private void leave(Key key, Listings listings) {
    synchronized (listings) {
      if (--listings.callers == 0) {
        listings.dropped = true;
        listings.refs = null;
        listings.failure = null;
        bySource.remove(key, listings);
      }
    }
  }

  private Map<String, Ref> listRefs(Source source, Listings listings) {
    long listing;
    synchronized (listings) {
      long arrival = listings.started;
      long deadline = System.nanoTime() + maxWait.toNanos();
      while (true) {
        if (listings.finished > arrival) {
          return listings.answer(source);
        }
        if (!listings.running) {
          listings.running = true;
          listing = ++listings.started;
          break;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new GitAccessException(
              source.name().value(),
              RemoteFailure.withoutUserInfo(source.url()),
              GitAccessException.Reason.TIMEOUT,
              "source '%s': waited %s for another listing of its refs"
                  .formatted(source.name(), maxWait),
              null);
        }
        try {
          listings.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          throw interrupted(source, "its refs", e);
        }
      }
    }
    Map<String, Ref> refs = null;
    Throwable failure = null;
    try {
      refs = list.apply(source);
      return refs;
    } catch (Throwable e) {
      failure = e;
      throw e;
    } finally {
      synchronized (listings) {
        listings.running = false;
        // An interrupted listing says nothing of the remote: the waiters list again.
        if (failure == null || !interrupted(failure)) {
          listings.finished = listing;
          listings.refs = refs;
          listings.failure = failure;
        }
        listings.notifyAll();
      }
    }
  }

  private static boolean interrupted(Throwable failure) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException
          || t instanceof ClosedByInterruptException
          || (t instanceof InterruptedIOException
              && !(t instanceof java.net.SocketTimeoutException))) {
        return true;
      }
    }
    return false;
  }

  /** The failure of a caller interrupted while it waited for {@code what} of {@code source}. */
  static GitAccessException interrupted(Source source, String what, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new GitAccessException(
        source.name().value(),
        RemoteFailure.withoutUserInfo(source.url()),
        GitAccessException.Reason.OTHER,
        "source '%s': interrupted while waiting for %s".formatted(source.name(), what),
        e);
  }

  /** The listings of one source; guarded by its own monitor. */
  private static final class Listings {
    /** How many listings have started, and the number of the last one that ended. */
    long started;

    long finished;
    boolean running;

    /** The callers inside; at none the listings are dropped and a new caller makes new ones. */
    int callers;

    boolean dropped;
    Map<String, Ref> refs;
    Throwable failure;

    Map<String, Ref> answer(Source source) {
      if (failure instanceof RuntimeException e) {
        throw e;
      } else if (failure != null) {
        throw new GitAccessException(
            source.name().value(),
            RemoteFailure.withoutUserInfo(source.url()),
            GitAccessException.Reason.OTHER,
            "source '%s': listing its refs failed: %s".formatted(source.name(), failure),
            failure);
      }
      return refs;
    }
  }
}
