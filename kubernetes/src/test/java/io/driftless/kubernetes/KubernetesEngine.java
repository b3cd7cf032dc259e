package io.driftless.kubernetes;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.jgit.JGitMirror;
import io.driftless.engine.port.memory.MemoryStore;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.reconcile.EnginePorts;
import io.driftless.engine.reconcile.ReconcileRequest;
import io.driftless.engine.reconcile.Reconciler;
import io.driftless.engine.render.FilesRenderer;
import io.driftless.engine.render.RenderCache;
import io.driftless.engine.render.RenderersByType;
import io.driftless.engine.target.TargetsByType;
import io.driftless.engine.testing.MutableClock;
import io.driftless.kubernetes.render.CommandRenderer;
import io.driftless.kubernetes.render.ManifestsRenderer;
import io.driftless.kubernetes.target.KubernetesTarget;
import io.driftless.kubernetes.target.KubernetesTargetFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The whole engine wired as the server wires it for Kubernetes: the real JGit mirror, the renderers
 * chosen by type, the kubernetes target on a given client, in-memory ports. Health polls advance a
 * test clock instead of sleeping, and run {@link #onHealthPoll} first, so that a test can write the
 * status a controller would.
 */
public final class KubernetesEngine implements AutoCloseable {
  public static final EnvironmentName ENV = EnvironmentName.of("web");
  public static final SourceName SOURCE = SourceName.of("apps");

  private final MemoryStore store;
  private final Reconciler reconciler;
  private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  private final KubernetesTargetFactory targets;
  private volatile Runnable onHealthPoll = () -> {};

  /** An engine whose every kubernetes target talks to {@code client}. */
  public KubernetesEngine(Path workDir, KubernetesClient client, String repoUrl) {
    this(workDir, client, repoUrl, CommandPolicy.off());
  }

  /** As above, with render commands run as {@code commands} allows. */
  public KubernetesEngine(
      Path workDir, KubernetesClient client, String repoUrl, CommandPolicy commands) {
    this(workDir, null, client, repoUrl, commands);
  }

  /** An engine with the server's own target factory (kubeconfig or in-cluster). */
  public static KubernetesEngine real(Path workDir, String repoUrl) {
    return new KubernetesEngine(
        workDir,
        new KubernetesTargetFactory(Clock.systemUTC()),
        null,
        repoUrl,
        CommandPolicy.off());
  }

  private KubernetesEngine(
      Path workDir,
      KubernetesTargetFactory real,
      KubernetesClient client,
      String repoUrl,
      CommandPolicy commands) {
    store = new MemoryStore(Clock.systemUTC());
    GitReader git = new JGitMirror(workDir.resolve("git"), Duration.ofSeconds(20)).reader();
    KubernetesTarget.Sleeper sleeper =
        d -> {
          onHealthPoll.run();
          clock.advance(d);
        };
    targets = real != null ? real : new KubernetesTargetFactory(spec -> client, clock, sleeper);
    RenderersByType renderers =
        new RenderersByType(
            Map.of(
                "files", new FilesRenderer(git),
                "manifests", new ManifestsRenderer(git),
                "command", new CommandRenderer(git, workDir.resolve("render"), commands)));
    reconciler =
        new Reconciler(
            git,
            (source, commit) -> {
              throw new IllegalStateException("no signed sources here");
            },
            new RenderCache(renderers, 16),
            new TargetsByType(Map.of("kubernetes", targets)),
            EnginePorts.of(store),
            Clock.systemUTC(),
            new Reconciler.Settings("test", Duration.ofSeconds(30)),
            null,
            null);
    store.put(Source.of(SOURCE, repoUrl));
  }

  public MemoryStore store() {
    return store;
  }

  public Reconciler reconciler() {
    return reconciler;
  }

  public void onHealthPoll(Runnable action) {
    this.onHealthPoll = action;
  }

  /**
   * Environment {@code web} of source {@code apps} at {@code main}, the root path, on {@code
   * target}.
   */
  public static Environment web(TargetSpec.Kubernetes target) {
    return new Environment(ENV, SOURCE, "main", "", null, null, target, null, null);
  }

  /** Registers {@link #ENV} on path {@code deploy}: prune on, self-heal off. */
  public void register(RendererSpec renderer, TargetSpec.Kubernetes target) {
    store.put(
        new Environment(
            ENV,
            SOURCE,
            "main",
            "deploy",
            renderer,
            null,
            target,
            SyncPolicy.defaults().withPrune(true),
            null));
  }

  /** Namespace {@code web}, whose Namespace object the tests' manifests hold, so listed. */
  public static TargetSpec.Kubernetes target(Duration healthTimeout) {
    return new TargetSpec.Kubernetes(null, null, "web", true, null, healthTimeout, null)
        .withScope(null, WITH_NAMESPACE);
  }

  /** Every namespaced kind and the cluster-scoped Namespace. */
  public static final List<String> WITH_NAMESPACE = List.of("*", "Namespace");

  /** A person's sync. */
  public RunResult sync() {
    Trigger trigger = Trigger.api("alice", "test");
    RunId run = store.create(ENV, trigger, Instant.now());
    return reconciler
        .reconcile(new ReconcileRequest(ENV, trigger, SyncOptions.defaults(), run))
        .result();
  }

  /** A scheduled check. */
  public RunResult check() {
    return reconciler.reconcile(ReconcileRequest.scheduled(ENV)).result();
  }

  @Override
  public void close() {
    reconciler.close();
    targets.close();
  }
}
