package io.driftless.ssh.target;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.git.PinnedHostKeys;
import io.driftless.engine.glob.GlobSet;
import io.driftless.engine.port.CredentialStore;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.process.CommandRefusedException;
import io.driftless.engine.target.StagingLayout;
import io.driftless.engine.target.StatCache;
import io.driftless.engine.target.TargetConfigException;
import io.driftless.engine.target.TargetFactory;
import io.driftless.ssh.RemotePath;
import io.driftless.ssh.RemoteStat;
import io.driftless.ssh.SshHost;
import io.driftless.ssh.SshIdentity;
import io.driftless.ssh.SshKeyException;
import io.driftless.ssh.SshSessionPool;
import io.driftless.ssh.SshSessions;
import io.driftless.ssh.SshTimeouts;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens {@link SshTarget}s for environments whose target is a {@link TargetSpec.Ssh}, within the
 * server's limits: every host must match {@code allowedHosts} and the root must lie under one of
 * {@code allowedRoots}; the credential must be a named {@code ssh-key}; the post-apply and health
 * commands must pass the {@link CommandPolicy}. Registration ({@link #check}) refuses a host
 * outside {@code allowedHosts}; a run ({@link #open}) fails that host alone, writing nothing there
 * (the limits may have narrowed since). Holds one stat cache per host and root, and the SSH
 * connections kept open between runs ({@link SshSessionPool}); {@link #close} ends them.
 * Thread-safe; make one per server.
 */
public final class SshTargetFactory implements TargetFactory, AutoCloseable {
  /**
   * How long after its modification second a file's stat is not trusted: SFTP shows whole seconds,
   * and the host's clock may be behind the server's.
   */
  static final Duration RACY_WINDOW = Duration.ofSeconds(10);

  /**
   * What the server configuration allows.
   *
   * @param allowedHosts patterns ({@code engine.glob}) matched against a host's name or address, or
   *     against {@code host:port} when the pattern holds a ':'; empty allows no host
   * @param allowedRoots absolute directories; a target's root must be one or lie under one, on the
   *     host as resolved there (symlinks included); empty allows no root
   */
  public record Limits(List<String> allowedHosts, List<String> allowedRoots) {
    public Limits {
      allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
      allowedRoots = allowedRoots == null ? List.of() : List.copyOf(allowedRoots);
      allowedRoots.forEach(RemotePath::of);
      GlobSet.anyOf(allowedHosts);
    }

    public static Limits none() {
      return new Limits(List.of(), List.of());
    }
  }

  private final Limits limits;
  private final GlobSet hostPatterns;
  private final GlobSet portPatterns;
  private final List<RemotePath> roots;
  private final CredentialStore credentials;
  private final CommandPolicy commands;
  private final SshTimeouts timeouts;
  private final Clock clock;
  private final Duration healthPause;
  private final Duration racyWindow;
  private final Map<String, StatCache<RemoteStat>> caches = new ConcurrentHashMap<>();
  private final AtomicLong filesRead = new AtomicLong();
  private final SshSessionPool sessions;

  public SshTargetFactory(
      Limits limits,
      CredentialStore credentials,
      CommandPolicy commands,
      SshTimeouts timeouts,
      Clock clock) {
    this(limits, credentials, commands, timeouts, clock, Duration.ofSeconds(1));
  }

  /**
   * @param healthPause the pause between two runs of a failing health check
   */
  public SshTargetFactory(
      Limits limits,
      CredentialStore credentials,
      CommandPolicy commands,
      SshTimeouts timeouts,
      Clock clock,
      Duration healthPause) {
    this(
        limits,
        credentials,
        commands,
        timeouts,
        clock,
        healthPause,
        RACY_WINDOW,
        SshSessionPool.DEFAULT_IDLE);
  }

  /**
   * @param racyWindow how long after its modification second a file's stat is not trusted
   * @param sessionIdle how long a host's SSH connection is kept open after a run for the next
   *     (zero: closed after each run)
   */
  SshTargetFactory(
      Limits limits,
      CredentialStore credentials,
      CommandPolicy commands,
      SshTimeouts timeouts,
      Clock clock,
      Duration healthPause,
      Duration racyWindow,
      Duration sessionIdle) {
    this.racyWindow = Objects.requireNonNull(racyWindow, "racyWindow");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.hostPatterns =
        GlobSet.anyOf(limits.allowedHosts().stream().filter(p -> p.indexOf(':') < 0).toList());
    this.portPatterns =
        GlobSet.anyOf(limits.allowedHosts().stream().filter(p -> p.indexOf(':') >= 0).toList());
    this.roots = limits.allowedRoots().stream().map(RemotePath::of).toList();
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.commands = Objects.requireNonNull(commands, "commands");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.healthPause = Objects.requireNonNull(healthPause, "healthPause");
    this.sessions = new SshSessionPool(sessionIdle);
  }

  /**
   * @throws TargetConfigException naming the field: {@code target.hosts} (not a host), {@code
   *     target.root} (outside the allowed roots), {@code target.credential} (unknown, not an {@code
   *     ssh-key}, or unreadable), {@code target.user}, {@code target.knownHosts}
   * @throws CommandRefusedException for a command the policy refuses
   */
  @Override
  public SshTarget open(Environment environment) {
    if (!(environment.target() instanceof TargetSpec.Ssh spec)) {
      throw TargetConfigException.notA(environment, "an ssh target");
    }
    List<SshHost> hosts = hosts(spec);
    RemotePath root = root(spec);
    PinnedHostKeys pins = pins(spec);
    SshIdentity identity = identity(spec);
    HostCommands hostCommands = new HostCommands(spec, commands, clock, healthPause);
    Map<SshHost, String> refused = new LinkedHashMap<>();
    for (SshHost host : hosts) {
      if (!allowed(host)) {
        refused.put(host, outside(host));
      }
    }
    RemoteStaging staging = new RemoteStaging(root, new StagingLayout(environment.name()));
    return new SshTarget(
        spec,
        root,
        hosts,
        refused,
        () ->
            sessions.lease(
                SshSessionPool.Key.of(identity, spec.knownHosts(), timeouts),
                () -> new SshSessions(identity, pins, timeouts)),
        host -> caches.computeIfAbsent(host + ":" + root, k -> new StatCache<>(racyWindow)),
        files -> {
          RemotePath real = files.lstat(root).isPresent() ? files.realPath(root) : root;
          return withinAllowedRoots(real)
              ? Optional.empty()
              : Optional.of(
                  "root "
                      + root
                      + " is really "
                      + real
                      + " on "
                      + files.host()
                      + ", which is not under a root the server allows: "
                      + limits.allowedRoots());
        },
        staging,
        new HostReader(root, clock, filesRead),
        new HostApplier(root, staging, clock, environment.decryptedMode()),
        hostCommands);
  }

  /**
   * Checks a registration: what {@link #open} checks, and every host inside {@code allowedHosts}.
   *
   * @throws TargetConfigException with field {@code target.hosts} for a host outside them
   */
  @Override
  public void check(Environment environment) {
    SshTarget target = open(environment);
    for (SshHost host : target.hosts()) {
      if (!allowed(host)) {
        throw new TargetConfigException("target.hosts", outside(host));
      }
    }
  }

  /** Closes the SSH connections kept between runs (server shutdown). */
  @Override
  public void close() {
    sessions.close();
  }

  /** How many file contents the targets of this factory read: a test sees the stat cache. */
  long filesRead() {
    return filesRead.get();
  }

  private String outside(SshHost host) {
    return "host "
        + host
        + " is not one the server allows (targets.ssh.allowedHosts: "
        + (limits.allowedHosts().isEmpty() ? "none" : String.join(", ", limits.allowedHosts()))
        + ")";
  }

  private boolean allowed(SshHost host) {
    return hostPatterns.matches(host.host()) || portPatterns.matches(host.toString());
  }

  private static List<SshHost> hosts(TargetSpec.Ssh spec) {
    List<SshHost> hosts = new ArrayList<>();
    for (String text : spec.hosts()) {
      SshHost host;
      try {
        host = SshHost.parse(text);
      } catch (IllegalArgumentException e) {
        throw new TargetConfigException("target.hosts", e.getMessage());
      }
      if (hosts.contains(host)) {
        throw new TargetConfigException("target.hosts", "host " + host + " is listed twice");
      }
      hosts.add(host);
    }
    return List.copyOf(hosts);
  }

  private RemotePath root(TargetSpec.Ssh spec) {
    RemotePath root;
    try {
      root = RemotePath.of(spec.root());
    } catch (IllegalArgumentException e) {
      throw new TargetConfigException("target.root", e.getMessage());
    }
    if (root.equals(RemotePath.ROOT) || !withinAllowedRoots(root)) {
      throw new TargetConfigException(
          "target.root",
          "ssh target root "
              + root
              + " is not under a root the server allows (targets.ssh.allowedRoots: "
              + (roots.isEmpty() ? "none" : limits.allowedRoots())
              + ")");
    }
    return root;
  }

  private boolean withinAllowedRoots(RemotePath path) {
    return roots.stream().anyMatch(path::isWithin);
  }

  private static PinnedHostKeys pins(TargetSpec.Ssh spec) {
    try {
      return new PinnedHostKeys(spec.knownHosts());
    } catch (IllegalArgumentException e) {
      throw new TargetConfigException("target.knownHosts", e.getMessage());
    }
  }

  private SshIdentity identity(TargetSpec.Ssh spec) {
    Credential credential =
        credentials
            .find(spec.credential())
            .orElseThrow(
                () ->
                    new TargetConfigException(
                        "target.credential", "no credential named '" + spec.credential() + "'"));
    if (!(credential instanceof Credential.SshKey key)) {
      throw new TargetConfigException(
          "target.credential",
          "credential '"
              + spec.credential()
              + "' is a "
              + credential.type()
              + " credential, not ssh-key");
    }
    try {
      return SshIdentity.of(
          spec.user(), key.privateKey().reveal().getBytes(UTF_8), key.passphrase());
    } catch (SshKeyException e) {
      throw new TargetConfigException(
          "target.credential",
          "credential '" + spec.credential() + "' holds no usable SSH key: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new TargetConfigException("target.user", e.getMessage());
    }
  }
}
