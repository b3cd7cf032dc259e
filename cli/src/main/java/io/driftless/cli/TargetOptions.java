package io.driftless.cli;

import io.driftless.api.model.CommandBody;
import io.driftless.api.model.TargetBody;
import io.driftless.cli.client.CliException;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where an environment is applied: {@code --target} with the options every type shares, and the
 * options of each type ({@link KubernetesTargetOptions}, {@link SshTargetOptions}, {@link
 * RegistryTargetOptions}); decides the type and refuses options of another.
 */
final class TargetOptions {
  @Option(
      names = "--target",
      paramLabel = "TYPE",
      description =
          "directory, kubernetes, ssh or driftless (a config environment: its path holds"
              + " documents applied to the registry) (add: kubernetes when a kubernetes option is"
              + " given, ssh when an ssh option is, driftless when a scope option is, else"
              + " directory).")
  String targetType;

  @Option(
      names = {"--target-root", "--root"},
      paramLabel = "DIR",
      description =
          "directory: absolute directory on the server host, under its allowed roots; ssh: the"
              + " same on every host, under targets.ssh.allowedRoots.")
  String targetRoot;

  @Option(
      names = "--post-apply",
      paramLabel = "CMD",
      description = "Shell command run after a change is applied, e.g. 'nginx -s reload'.")
  String postApply;

  @Option(
      names = "--health-check",
      paramLabel = "CMD",
      description = "Shell command that exits 0 when the target is healthy.")
  String healthCheck;

  @Option(
      names = "--health-timeout",
      paramLabel = "DURATION",
      description = "How long health may take to pass, e.g. 60s.")
  String healthTimeout;

  @Mixin KubernetesTargetOptions kubernetes;

  @Mixin SshTargetOptions ssh;

  @Mixin RegistryTargetOptions registry;

  /**
   * The target: the current one (if any) with the given options replacing its fields; a new type
   * starts afresh (only health timeout carries over).
   */
  TargetBody body(TargetBody current) {
    boolean kubernetesOptions = kubernetes.given();
    boolean sshOptions = ssh.given();
    boolean directoryOptions = targetRoot != null || postApply != null || healthCheck != null;
    boolean registryOptions = registry.given();
    String type =
        targetType != null
            ? targetType
            : current != null
                ? current.type()
                : kubernetesOptions
                    ? "kubernetes"
                    : sshOptions ? "ssh" : registryOptions ? "driftless" : "directory";
    if (!type.equals("driftless") && registryOptions) {
      throw new CliException(
          "--scope-source, --scope-root, --scope-namespace, --scope-commands and --deletion apply"
              + " to a config environment: add --target driftless");
    }
    if (type.equals("driftless")) {
      return registry.body(current != null && current.type().equals(type) ? current : null);
    }
    if (!type.equals("ssh") && sshOptions) {
      throw new CliException(
          "--host, --user, --credential, --known-hosts, --batches, --max-parallel and"
              + " --stop-on-failure apply to an ssh target: add --target ssh");
    }
    if (type.equals("kubernetes") && directoryOptions) {
      throw new CliException(
          "--target-root, --post-apply and --health-check apply to a directory target, not"
              + " kubernetes");
    }
    if (type.equals("directory") && kubernetesOptions) {
      throw new CliException(
          "--kubeconfig, --context, --namespace, --force-conflicts and --prune-propagation apply"
              + " to a kubernetes target: add --target kubernetes");
    }
    TargetBody same = current != null && current.type().equals(type) ? current : null;
    if (same != null
        && targetType == null
        && !kubernetesOptions
        && !directoryOptions
        && !sshOptions
        && healthTimeout == null) {
      return current;
    }
    String timeout =
        healthTimeout != null ? healthTimeout : current == null ? null : current.healthTimeout();
    if (type.equals("kubernetes")) {
      return kubernetes.body(same, timeout);
    }
    String root = targetRoot != null ? targetRoot : same == null ? null : same.root();
    CommandBody post =
        postApply != null ? command(postApply) : same == null ? null : same.postApply();
    CommandBody health =
        healthCheck != null ? command(healthCheck) : same == null ? null : same.healthCheck();
    if (type.equals("ssh")) {
      return ssh.body(same, root, post, health, timeout);
    }
    if (targetRoot == null && same == null && type.equals("directory")) {
      throw new CliException("--target-root is required: the directory the environment is kept in");
    }
    return new TargetBody(type, root, post, health, timeout);
  }

  private static CommandBody command(String shell) {
    return shell.isBlank() ? null : new CommandBody(List.of(shell), null);
  }
}
