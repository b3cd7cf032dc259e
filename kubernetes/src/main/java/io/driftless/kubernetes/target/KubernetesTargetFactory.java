package io.driftless.kubernetes.target;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.process.CommandRefusedException;
import io.driftless.engine.target.TargetConfigException;
import io.driftless.engine.target.TargetFactory;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link KubernetesTarget}s for environments whose target is a {@link TargetSpec.Kubernetes}.
 * The connection comes only from the spec: a kubeconfig file (and context) the admin named, or,
 * without one, the service account of the pod the server runs in; never the server's own {@code
 * ~/.kube/config}. A kubeconfig's {@code exec} credential plugins must be programs the server's
 * {@link CommandPolicy} allows, checked before the client loads the file. One client per kubeconfig
 * and context is kept and shared by the environments that use it, until {@link #close}.
 * Thread-safe; make one per server.
 */
public final class KubernetesTargetFactory implements TargetFactory, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesTargetFactory.class);

  private record Connection(Path kubeconfig, String context) {}

  private final Function<TargetSpec.Kubernetes, KubernetesClient> connect;
  private final Clock clock;
  private final KubernetesTarget.Sleeper sleeper;
  private final KubernetesLimits limits;
  private final CommandPolicy commands;
  private final ConcurrentHashMap<Connection, KubernetesClient> clients = new ConcurrentHashMap<>();

  public KubernetesTargetFactory(Clock clock) {
    this(clock, KubernetesLimits.none());
  }

  /**
   * @param limits what the server configuration lets any environment be given
   */
  public KubernetesTargetFactory(Clock clock, KubernetesLimits limits) {
    this(clock, limits, CommandPolicy.off());
  }

  /**
   * @param commands which kubeconfig {@code exec} plugins may run
   */
  public KubernetesTargetFactory(Clock clock, KubernetesLimits limits, CommandPolicy commands) {
    this(
        spec -> connect(spec, commands, clock),
        clock,
        d -> Thread.sleep(d.toMillis()),
        limits,
        commands);
  }

  /**
   * @param connect makes the client for a spec (a test passes its mock server's)
   */
  public KubernetesTargetFactory(
      Function<TargetSpec.Kubernetes, KubernetesClient> connect,
      Clock clock,
      KubernetesTarget.Sleeper sleeper) {
    this(connect, clock, sleeper, KubernetesLimits.none());
  }

  public KubernetesTargetFactory(
      Function<TargetSpec.Kubernetes, KubernetesClient> connect,
      Clock clock,
      KubernetesTarget.Sleeper sleeper,
      KubernetesLimits limits) {
    this(connect, clock, sleeper, limits, CommandPolicy.off());
  }

  public KubernetesTargetFactory(
      Function<TargetSpec.Kubernetes, KubernetesClient> connect,
      Clock clock,
      KubernetesTarget.Sleeper sleeper,
      KubernetesLimits limits,
      CommandPolicy commands) {
    this.connect = Objects.requireNonNull(connect, "connect");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.commands = Objects.requireNonNull(commands, "commands");
  }

  /**
   * @throws TargetConfigException with field {@code target.type} for a target that is not
   *     kubernetes, {@code target.kubeconfig} for a kubeconfig that cannot be read or a server that
   *     is not in a cluster, {@code target.allowedNamespaces} or {@code target.allowedKinds} for a
   *     scope beyond the server's limits (so a run of an environment registered before the limits
   *     tightened fails, and nothing is applied)
   * @throws CommandRefusedException with field {@code target.kubeconfig} for a kubeconfig whose
   *     {@code exec} plugin the command policy does not allow, checked at every open so that a run
   *     fails too
   */
  @Override
  public KubernetesTarget open(Environment environment) {
    if (!(environment.target() instanceof TargetSpec.Kubernetes spec)) {
      throw TargetConfigException.notA(environment, "kubernetes");
    }
    KubernetesScope scope = new KubernetesScope(spec, limits);
    scope.checkWithinLimits();
    if (spec.kubeconfig() != null) {
      check(spec);
      KubeconfigCommands.check(spec.kubeconfig(), commands);
    }
    KubernetesClient client =
        clients.computeIfAbsent(
            new Connection(spec.kubeconfig(), spec.context()), c -> connect.apply(spec));
    return new KubernetesTarget(environment.name(), scope, client, clock, sleeper);
  }

  /** Checks what can be checked without a cluster: the kubeconfig is readable, or in-cluster. */
  public static void check(TargetSpec.Kubernetes spec) {
    if (spec.kubeconfig() != null) {
      if (!Files.isReadable(spec.kubeconfig())) {
        throw new TargetConfigException(
            "target.kubeconfig", "kubeconfig " + spec.kubeconfig() + " cannot be read");
      }
    } else if (System.getenv("KUBERNETES_SERVICE_HOST") == null) {
      throw new TargetConfigException(
          "target.kubeconfig",
          "no kubeconfig given, and the server does not run in a Kubernetes pod"
              + " (KUBERNETES_SERVICE_HOST is not set)");
    }
  }

  private static KubernetesClient connect(
      TargetSpec.Kubernetes spec, CommandPolicy commands, Clock clock) {
    check(spec);
    Config config;
    try {
      config =
          spec.kubeconfig() != null
              ? KubeconfigCommands.clientConfig(spec, commands, clock)
              : Config.autoConfigure(null);
    } catch (KubernetesClientException | IllegalArgumentException e) {
      throw new TargetConfigException(
          "target.kubeconfig", "kubeconfig cannot be used: " + e.getMessage());
    }
    LOG.info(
        "connecting to Kubernetes API {} ({})",
        config.getMasterUrl(),
        spec.kubeconfig() == null
            ? "in-cluster"
            : spec.kubeconfig() + (spec.context() == null ? "" : ", context " + spec.context()));
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public void close() {
    clients.values().forEach(KubernetesClient::close);
    clients.clear();
  }
}
