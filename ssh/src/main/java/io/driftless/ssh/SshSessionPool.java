package io.driftless.ssh;

import io.driftless.engine.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * SSH connections kept open from one run to the next, as OpenSSH's {@code ControlPersist} keeps a
 * master connection: a scheduled check of a fleet then pays no handshake per host. The {@link
 * SshSessions} of one {@link Key} (user, the identity's key, the pinned host keys, the timeouts)
 * are leased by each run and closed once no run has used them for the idle time, or when the pool
 * closes (server shutdown).
 *
 * <p>What stays as safe as a connection per run: a new connection verifies the host key against the
 * pins every time; a change of user, key, pins or timeouts is another key, so the next run connects
 * anew; a connection reused by a later lease first answers one SFTP round trip, and one that does
 * not is dropped and opened again once ({@link SshSessions#session}). What a kept connection does
 * not see: a key removed from the host's {@code authorized_keys} stops new logins, not one already
 * made, for at most the idle time after its last use. Thread-safe; one per server.
 */
public final class SshSessionPool implements AutoCloseable {
  /** How long a connection unused by any run is kept open. */
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);

  /**
   * What a kept connection was opened with; runs share it only when all of it is equal.
   *
   * @param identity the user and the fingerprint of the key they log in with
   * @param knownHosts the pinned host keys, as given
   */
  public record Key(String identity, String knownHosts, SshTimeouts timeouts) {
    public Key {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(knownHosts, "knownHosts");
      Objects.requireNonNull(timeouts, "timeouts");
    }

    public static Key of(SshIdentity identity, String knownHosts, SshTimeouts timeouts) {
      return new Key(identity.user() + " " + identity.fingerprint(), knownHosts, timeouts);
    }
  }

  /** One run's use of kept sessions; {@link #close} hands them back. */
  public final class Lease implements AutoCloseable {
    private final Key key;
    private final Kept kept;
    private boolean released;

    private Lease(Key key, Kept kept) {
      this.key = key;
      this.kept = kept;
    }

    public SshSessions sessions() {
      return kept.sessions;
    }

    @Override
    public void close() {
      synchronized (SshSessionPool.this) {
        if (released) {
          return;
        }
        released = true;
      }
      release(key, kept);
    }
  }

  private static final class Kept {
    final SshSessions sessions;
    int leases;
    ScheduledFuture<?> expiry;

    Kept(SshSessions sessions) {
      this.sessions = sessions;
    }
  }

  private final Duration idle;
  private final ScheduledExecutorService expiries;
  private final Map<Key, Kept> kept = new HashMap<>();
  private boolean closed;

  /**
   * @param idle how long sessions unused by any run stay open; zero closes them after each run
   */
  public SshSessionPool(Duration idle) {
    if (idle == null || idle.isNegative()) {
      throw new IllegalArgumentException("the idle time must not be negative");
    }
    this.idle = idle;
    this.expiries = DaemonThreads.scheduler("driftless-ssh-idle");
  }

  /** The sessions kept for {@code key}, made with {@code open} when there are none. */
  public synchronized Lease lease(Key key, Supplier<SshSessions> open) {
    if (closed) {
      throw new IllegalStateException("the SSH session pool is closed");
    }
    Kept entry = kept.get(key);
    if (entry == null) {
      entry = new Kept(open.get());
      kept.put(key, entry);
    } else {
      entry.sessions.reuse();
    }
    if (entry.expiry != null) {
      entry.expiry.cancel(false);
      entry.expiry = null;
    }
    entry.leases++;
    return new Lease(key, entry);
  }

  /** How many keys have sessions kept now, for tests. */
  public synchronized int size() {
    return kept.size();
  }

  private void release(Key key, Kept entry) {
    boolean closeNow;
    synchronized (this) {
      entry.leases--;
      if (entry.leases > 0) {
        return;
      }
      closeNow = closed || idle.isZero();
      if (closeNow) {
        kept.remove(key, entry);
      } else {
        entry.expiry =
            expiries.schedule(() -> expire(key, entry), idle.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    if (closeNow) {
      entry.sessions.close();
    }
  }

  private void expire(Key key, Kept entry) {
    synchronized (this) {
      if (entry.leases > 0 || !kept.remove(key, entry)) {
        return;
      }
    }
    entry.sessions.close();
  }

  /** Closes every kept session (server shutdown); a lease still held closes its own at release. */
  @Override
  public void close() {
    List<Kept> idleOnes = new ArrayList<>();
    synchronized (this) {
      closed = true;
      for (Kept entry : kept.values()) {
        if (entry.leases == 0) {
          idleOnes.add(entry);
        }
      }
      kept.clear();
    }
    try {
      idleOnes.forEach(entry -> entry.sessions.close());
    } finally {
      expiries.shutdownNow();
    }
  }
}
