package io.driftless.ssh;

import io.driftless.engine.DaemonThreads;
import io.driftless.engine.git.PinnedHostKeys;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SSH sessions with hosts: at most one per host, opened on first use and reused by every operation
 * on that host until {@link #close()}, at the end of a run or, when an {@link SshSessionPool} keeps
 * them, once no run has used them for a while. A session that ended (the host went away) is opened
 * again on the next {@link #session} call.
 *
 * <p>Every session logs in as the one {@link SshIdentity} and must pass the host-key pins: a host
 * whose key is unknown or changed fails with {@link HostKeyException} before anything is sent to
 * it, and nothing is ever learned or trusted on first use. Nothing of the server user's own SSH
 * setup is used: no ~/.ssh/config, no default identities, no agent, no known_hosts file.
 *
 * <p>Thread-safe: several hosts may be worked on at once, and one session serves several threads.
 */
public final class SshSessions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SshSessions.class);
  private static final AttributeKey<ConnectAttempt> ATTEMPT = new AttributeKey<>();

  private final SshIdentity identity;
  private final PinnedHostKeys pins;
  private final SshTimeouts timeouts;
  private final SshClient client;
  private final ScheduledExecutorService alarms;
  private final Map<SshHost, Object> locks = new ConcurrentHashMap<>();
  private final Map<SshHost, SshSession> sessions = new ConcurrentHashMap<>();

  /** Hosts whose open session was proven alive since the last {@link #reuse}. */
  private final Set<SshHost> proven = ConcurrentHashMap.newKeySet();

  private final AtomicInteger connections = new AtomicInteger();
  private volatile boolean closed;

  /**
   * @param pins the host keys of every host this run may reach (known_hosts lines)
   */
  public SshSessions(SshIdentity identity, PinnedHostKeys pins, SshTimeouts timeouts) {
    this.identity = identity;
    this.pins = pins;
    this.timeouts = timeouts;
    this.client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(new PinnedServerKeys());
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    client.setAgentFactory(null);
    // Operations are bounded by their own timeouts; idleness is the pool's to end, not MINA's.
    CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
    SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(client, timeouts.operation());
    client.start();
    this.alarms = DaemonThreads.scheduler("driftless-ssh-timeouts");
  }

  /**
   * The session with {@code host}, opened (connect, host-key check, public-key login) on first use.
   * After {@link #reuse}, an open session kept from earlier first answers one SFTP round trip; one
   * that does not (the host restarted, the network path broke) is closed and opened again, once.
   *
   * @throws HostKeyException when the host's key is not pinned for it
   * @throws SshAuthException when the host refuses the identity
   * @throws HostUnreachableException when no connection or handshake could be made in time
   */
  public SshSession session(SshHost host) {
    if (closed) {
      throw new IllegalStateException("the SSH sessions of this run are closed");
    }
    synchronized (locks.computeIfAbsent(host, h -> new Object())) {
      SshSession open = sessions.get(host);
      if (open != null && open.isOpen() && (proven.contains(host) || answers(open))) {
        proven.add(host);
        return open;
      }
      if (open != null) {
        open.close();
      }
      SshSession session = connect(host);
      sessions.put(host, session);
      proven.add(host);
      return session;
    }
  }

  /**
   * Marks the sessions as kept from an earlier run ({@link SshSessionPool}): each is proven alive
   * again before its next use.
   */
  void reuse() {
    proven.clear();
  }

  private static boolean answers(SshSession session) {
    try {
      session.files().realPath(RemotePath.ROOT);
      return true;
    } catch (RemoteHostException e) {
      LOG.info(
          "a kept ssh session with {} does not answer, reconnecting: {}",
          session.host(),
          e.getMessage());
      return false;
    }
  }

  /** How many SSH connections this run has opened, over all hosts. */
  public int connectionsOpened() {
    return connections.get();
  }

  /** The timeouts every session uses. */
  public SshTimeouts timeouts() {
    return timeouts;
  }

  /** Closes every session and the client; idempotent. */
  @Override
  public void close() {
    closed = true;
    List<SshSession> open = new ArrayList<>(sessions.values());
    sessions.clear();
    for (SshSession session : open) {
      session.close();
    }
    try {
      client.stop();
    } finally {
      alarms.shutdownNow();
    }
  }

  private SshSession connect(SshHost host) {
    long start = System.nanoTime();
    ConnectAttempt attempt = new ConnectAttempt(host);
    ClientSession session;
    try {
      session =
          client
              .connect(
                  identity.user(),
                  host.host(),
                  host.port(),
                  AttributeRepository.ofKeyValuePair(ATTEMPT, attempt),
                  null)
              .verify(timeouts.connect())
              .getSession();
    } catch (IOException | RuntimeException e) {
      throw unreachable(host, e);
    }
    connections.incrementAndGet();
    try {
      identity.keyPairs().forEach(session::addPublicKeyIdentity);
      Duration left = timeouts.connect().minusNanos(System.nanoTime() - start);
      session.auth().verify(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left);
    } catch (IOException | RuntimeException e) {
      session.close(true);
      if (attempt.refusal != null) {
        throw attempt.refusal;
      }
      throw authFailed(host, session, e);
    }
    LOG.debug(
        "ssh session with {} as {} opened in {} ms",
        host,
        identity.user(),
        (System.nanoTime() - start) / 1_000_000);
    return new SshSession(host, session, timeouts, alarms);
  }

  private RemoteHostException unreachable(SshHost host, Exception e) {
    Throwable cause = rootCause(e);
    String why;
    if (cause instanceof ConnectException) {
      why = "the connection was refused";
    } else if (cause instanceof UnresolvedAddressException
        || cause instanceof UnknownHostException) {
      why = "the name does not resolve";
    } else if (cause instanceof NoRouteToHostException) {
      why = "there is no route to it";
    } else if (String.valueOf(e.getMessage()).contains("timeout")) {
      why = "it did not answer within " + timeouts.connect();
    } else {
      why = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    return new HostUnreachableException(host, "cannot connect to " + host + ": " + why, e);
  }

  private RemoteHostException authFailed(SshHost host, ClientSession session, Exception e) {
    String message = String.valueOf(e.getMessage());
    if (session.getServerKey() == null || message.contains("timeout")) {
      // Never got past the key exchange: not a matter of the user's key.
      return new HostUnreachableException(
          host,
          "the SSH handshake with "
              + host
              + " did not complete within "
              + timeouts.connect()
              + ": "
              + message,
          e);
    }
    return new SshAuthException(
        host,
        identity.user(),
        host
            + " did not accept the key "
            + identity.fingerprint()
            + " for user '"
            + identity.user()
            + "'",
        e);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** What one connect learned about the host's key, for a clear error after the handshake fails. */
  private static final class ConnectAttempt {
    final SshHost host;
    volatile HostKeyException refusal;

    ConnectAttempt(SshHost host) {
      this.host = host;
    }
  }

  /** Accepts a host key only when the pins hold it for the host being connected to. */
  private final class PinnedServerKeys implements ServerKeyVerifier {
    @Override
    public boolean verifyServerKey(
        ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
      AttributeRepository context = session.getConnectionContext();
      ConnectAttempt attempt = context == null ? null : context.getAttribute(ATTEMPT);
      if (attempt == null) {
        return false; // not a session this class opened
      }
      InetSocketAddress remote = remoteAddress instanceof InetSocketAddress inet ? inet : null;
      PinnedHostKeys.Verdict verdict =
          pins.check(attempt.host.host(), attempt.host.port(), remote, serverKey);
      if (verdict == PinnedHostKeys.Verdict.PINNED) {
        return true;
      }
      attempt.refusal = refusal(attempt.host, verdict, serverKey, pinned(attempt.host, remote));
      LOG.warn("{}", attempt.refusal.getMessage());
      return false;
    }
  }

  /** The fingerprints pinned for {@code host}, for a message. */
  private String pinned(SshHost host, InetSocketAddress remote) {
    String name = "[" + host.host() + "]:" + host.port();
    return String.join(
        ", ", pins.lookup(name, remote, null).stream().map(KeyUtils::getFingerPrint).toList());
  }

  private HostKeyException refusal(
      SshHost host, PinnedHostKeys.Verdict verdict, PublicKey key, String pinned) {
    String type = KeyUtils.getKeyType(key);
    String fingerprint = KeyUtils.getFingerPrint(key);
    return switch (verdict) {
      case UNKNOWN_HOST ->
          new HostKeyException(
              host,
              HostKeyException.Reason.UNKNOWN_HOST,
              type,
              fingerprint,
              host
                  + " offered host key "
                  + fingerprint
                  + " ("
                  + type
                  + ") but no host key is pinned for it; add its known_hosts line to trust it"
                  + " (keys are never trusted on first use)");
      case CHANGED ->
          new HostKeyException(
              host,
              HostKeyException.Reason.CHANGED,
              type,
              fingerprint,
              "the host key of "
                  + host
                  + " has changed: it offered "
                  + fingerprint
                  + " ("
                  + type
                  + "), but it is pinned to "
                  + pinned
                  + "; if the change is expected, pin the new key");
      case REVOKED ->
          new HostKeyException(
              host,
              HostKeyException.Reason.REVOKED,
              type,
              fingerprint,
              host + " offered host key " + fingerprint + " (" + type + "), which is revoked");
      case PINNED -> throw new IllegalStateException("a pinned key is not refused");
    };
  }
}
