package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.git.GitAccessException;
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
 */
final class SharedRefListings {
  private final Function<Source, Map<String, Ref>> list;
  private final ConcurrentMap<SourceName, Listings> bySource = new ConcurrentHashMap<>();

  /** {@code list} asks the remote; it is called by one caller at a time per source. */
  SharedRefListings(Function<Source, Map<String, Ref>> list) {
    this.list = list;
  }

  /** The remote's refs, as listed after this call began. */
  Map<String, Ref> listRefs(Source source) {
    Listings listings = bySource.computeIfAbsent(source.name(), name -> new Listings());
    long listing;
    synchronized (listings) {
      long arrival = listings.started;
      while (true) {
        if (listings.finished > arrival) {
          return listings.answer();
        }
        if (!listings.running) {
          listings.running = true;
          listing = ++listings.started;
          break;
        }
        try {
          listings.wait();
        } catch (InterruptedException e) {
          throw interrupted(source, "its refs", e);
        }
      }
    }
    Map<String, Ref> refs = null;
    RuntimeException failure = null;
    try {
      refs = list.apply(source);
    } catch (RuntimeException e) {
      failure = e;
    }
    synchronized (listings) {
      listings.running = false;
      listings.finished = listing;
      listings.refs = refs;
      listings.failure = failure;
      listings.notifyAll();
      return listings.answer();
    }
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
    Map<String, Ref> refs;
    RuntimeException failure;

    Map<String, Ref> answer() {
      if (failure != null) {
        throw failure;
      }
      return refs;
    }
  }
}
