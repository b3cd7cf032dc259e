package io.driftless.ssh.target;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.CredentialOrigins;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.PlaceState;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.git.jgit.JGitMirror;
import io.driftless.engine.port.memory.MemoryCredentials;
import io.driftless.engine.port.memory.MemoryStore;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.reconcile.EnginePorts;
import io.driftless.engine.reconcile.ReconcileOutcome;
import io.driftless.engine.reconcile.ReconcileRequest;
import io.driftless.engine.reconcile.Reconciler;
import io.driftless.engine.render.FilesRenderer;
import io.driftless.engine.render.RenderCache;
import io.driftless.engine.target.StagingLayout;
import io.driftless.engine.target.TargetsByType;
import io.driftless.engine.testing.TestGitRepo;
import io.driftless.ssh.SshSessionPool;
import io.driftless.ssh.SshTimeouts;
import io.driftless.ssh.testing.Sshd;
import io.driftless.ssh.testing.TestSshKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real OpenSSH servers standing for three machines: each runs in a mount namespace of its own
 * where its own directory is mounted at the same path, {@code fleet}, so that one ssh target root
 * names a different directory on each "host", as on real machines. The engine around them is the
 * real reconciler with a real Git repository and in-memory ports; the environment {@code web} keeps
 * the path {@code env/web} of the source {@code site} under {@code fleet/web} on the hosts.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class FleetTestBase {
  static final EnvironmentName ENV = EnvironmentName.of("web");
  static final SourceName SITE = SourceName.of("site");
  static final CredentialName DEPLOY = CredentialName.of("deploy");
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path tmp;
  Path fleet;
  TestSshKey key;
  final List<Sshd> hosts = new ArrayList<>();
  TestGitRepo repo;
  MemoryStore store;
  MemoryCredentials credentials;
  JGitMirror git;
  SshTargetFactory factory;
  Reconciler reconciler;

  @BeforeEach
  void startFleet() throws IOException {
    Assumptions.assumeTrue(
        Sshd.canMountRoots(), "three hosts at one root need root and unshare(1)");
    fleet = Files.createDirectories(tmp.resolve("fleet"));
    key = TestSshKey.generate(tmp.resolve("keys"), "deploy");
    for (int i = 0; i < 3; i++) {
      hosts.add(startHost(i, key));
    }
    store = new MemoryStore(Clock.systemUTC());
    credentials = new MemoryCredentials(store, Clock.systemUTC());
    credentials.add(
        DEPLOY,
        new Credential.SshKey(Secret.of(new String(key.privateKey(), UTF_8)), null),
        CredentialOrigins.none(),
        List.of(),
        "test");
    repo = TestGitRepo.create(tmp.resolve("repo"));
    git = new JGitMirror(tmp.resolve("work"), Duration.ofSeconds(20));
    useLimits(limits());
    store.put(Source.of(SITE, repo.url()));
  }

  /** Runs from now on with a server configuration allowing {@code limits}. */
  void useLimits(SshTargetFactory.Limits limits) {
    if (reconciler != null) {
      reconciler.close();
      factory.close();
    }
    factory = factory(limits);
    reconciler =
        new Reconciler(
            git.reader(),
            (source, commit) -> {
              throw new IllegalStateException("no signed sources here");
            },
            new RenderCache(new FilesRenderer(git.reader()), 16),
            new TargetsByType(Map.of("ssh", factory)),
            EnginePorts.of(store),
            Clock.systemUTC(),
            new Reconciler.Settings("test", Duration.ofSeconds(30)),
            null,
            null);
  }

  /**
   * Starts host {@code i}: its own directory mounted at {@link #fleet}, letting {@code login} in.
   */
  Sshd startHost(int i, TestSshKey login) throws IOException {
    return Sshd.in(tmp.resolve("host" + i)).authorize(login).rootMountedAt(fleet).start();
  }

  /**
   * Replaces host {@code i} by a new one (new port, key and files) that lets only {@code login} in.
   */
  void replaceHost(int i, TestSshKey login) throws IOException {
    hosts.get(i).close();
    hosts.set(
        i,
        Sshd.in(tmp.resolve("host" + i + "-again")).authorize(login).rootMountedAt(fleet).start());
  }

  @AfterEach
  void stopFleet() {
    hosts.forEach(Sshd::close);
    if (reconciler != null) {
      reconciler.close();
      factory.close();
      git.close();
      repo.close();
    }
  }

  /** What the server allows: 127.0.0.1 on any port, roots under {@link #fleet}. */
  SshTargetFactory.Limits limits() {
    return new SshTargetFactory.Limits(List.of("127.0.0.1"), List.of(fleet.toString()));
  }

  /** What the server lets targets run; the health checks of these tests use test(1) and sleep. */
  CommandPolicy commands() {
    return CommandPolicy.allowing("test", "sleep");
  }

  SshTargetFactory factory(SshTargetFactory.Limits limits) {
    return new SshTargetFactory(
        limits,
        credentials,
        commands(),
        new SshTimeouts(TIMEOUT, TIMEOUT),
        Clock.systemUTC(),
        Duration.ofMillis(200),
        Duration.ofSeconds(1),
        SshSessionPool.DEFAULT_IDLE);
  }

  /** An ssh target on {@code on} with every host's key pinned, and no commands. */
  TargetSpec.Ssh target(List<Sshd> on) throws IOException {
    return target(on, knownHosts(on), null, null);
  }

  TargetSpec.Ssh target(
      List<Sshd> on, String knownHosts, CommandSpec healthCheck, TargetSpec.Rollout rollout) {
    return target(on, knownHosts, null, healthCheck, rollout);
  }

  TargetSpec.Ssh target(
      List<Sshd> on,
      String knownHosts,
      CommandSpec postApply,
      CommandSpec healthCheck,
      TargetSpec.Rollout rollout) {
    return new TargetSpec.Ssh(
        on.stream().map(h -> h.host().toString()).toList(),
        System.getProperty("user.name"),
        DEPLOY,
        knownHosts,
        fleet.resolve("web").toString(),
        postApply,
        healthCheck,
        Duration.ofSeconds(2),
        rollout);
  }

  static String knownHosts(List<Sshd> on) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (Sshd host : on) {
      lines.append(host.knownHostsLine()).append('\n');
    }
    return lines.toString();
  }

  void register(TargetSpec.Ssh target, SyncPolicy sync) {
    store.put(new Environment(ENV, SITE, "main", "env/web", null, null, target, sync, null));
  }

  ReconcileOutcome sync() {
    return reconciler.reconcile(ReconcileRequest.scheduled(ENV));
  }

  /** The state of each host the environment recorded, by {@code host:port}. */
  Map<String, PlaceState> hostStates() {
    Map<String, PlaceState> states = new TreeMap<>();
    store.places(ENV).forEach((host, place) -> states.put(host, place.state()));
    return states;
  }

  /** The file {@code path} of the environment on host {@code i}, as the host has it. */
  Path file(int i, String path) {
    return hosts.get(i).root().resolve("web").resolve(path);
  }

  String read(int i, String path) throws IOException {
    return Files.readString(file(i, path));
  }

  /** The resource key of {@code path} on host {@code i}. */
  String key(int i, String path) {
    return hosts.get(i).host() + ":" + path;
  }

  /** Nothing of Driftless's own (staged files, journal) is left on host {@code i}. */
  void assertNoStaging(int i) {
    assertThat(hosts.get(i).root().resolve("web").resolve(StagingLayout.RESERVED_DIRECTORY))
        .doesNotExist();
  }
}
