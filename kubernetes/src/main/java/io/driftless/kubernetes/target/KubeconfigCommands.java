package io.driftless.kubernetes.target;

import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.process.CommandRefusedException;
import io.driftless.engine.target.TargetConfigException;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The programs a kubeconfig would have the server start: the {@code exec} credential plugins of its
 * users (e.g. {@code aws eks get-token}). Each must be one the server's {@link CommandPolicy}
 * allows, checked on the file read as YAML only; the Kubernetes client is then given the file
 * without them, and {@link ExecCredentials} runs the one in use like any other command.
 */
final class KubeconfigCommands {
  static final String FIELD = "target.kubeconfig";

  private KubeconfigCommands() {}

  /**
   * @throws CommandRefusedException (field {@code target.kubeconfig}) naming the first user whose
   *     plugin is not allowed; every user is checked, whichever context is used
   * @throws TargetConfigException when the file is not a kubeconfig
   */
  static void check(Path kubeconfig, CommandPolicy commands) {
    Config config;
    try {
      config = KubeConfigUtils.parseConfig(kubeconfig.toFile());
    } catch (RuntimeException e) {
      throw new TargetConfigException(
          FIELD, "kubeconfig " + kubeconfig + " cannot be read as a kubeconfig: " + e.getMessage());
    }
    if (config == null || config.getUsers() == null) {
      return;
    }
    for (NamedAuthInfo user : config.getUsers()) {
      AuthInfo auth = user == null ? null : user.getUser();
      if (auth == null || auth.getExec() == null) {
        continue;
      }
      String program = auth.getExec().getCommand();
      if (program == null || program.isBlank()) {
        throw new TargetConfigException(
            FIELD, "kubeconfig user " + user.getName() + " has an exec plugin without a command");
      }
      commands.checkProgram(FIELD, program);
    }
  }

  /**
   * The client's configuration from the spec's kubeconfig, with every {@code exec} plugin taken
   * out, so the client never starts one; the plugin of the context in use is run by {@link
   * ExecCredentials}, which hands the client its token.
   */
  static io.fabric8.kubernetes.client.Config clientConfig(
      TargetSpec.Kubernetes spec, CommandPolicy commands, Clock clock) {
    Config file = KubeConfigUtils.parseConfig(spec.kubeconfig().toFile());
    String context = spec.context() != null ? spec.context() : file.getCurrentContext();
    String userInUse =
        file.getContexts() == null
            ? null
            : file.getContexts().stream()
                .filter(c -> c != null && Objects.equals(c.getName(), context))
                .map(c -> c.getContext() == null ? null : c.getContext().getUser())
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    // Given as text, the kubeconfig's relative file names no longer have a directory to be
    // relative to: they are made absolute against the file's own.
    Path dir = spec.kubeconfig().toAbsolutePath().getParent();
    for (NamedCluster cluster :
        file.getClusters() == null ? List.<NamedCluster>of() : file.getClusters()) {
      if (cluster != null && cluster.getCluster() != null) {
        cluster
            .getCluster()
            .setCertificateAuthority(absolute(dir, cluster.getCluster().getCertificateAuthority()));
      }
    }
    ExecConfig plugin = null;
    for (NamedAuthInfo user :
        file.getUsers() == null ? List.<NamedAuthInfo>of() : file.getUsers()) {
      AuthInfo auth = user == null ? null : user.getUser();
      if (auth == null) {
        continue;
      }
      auth.setClientCertificate(absolute(dir, auth.getClientCertificate()));
      auth.setClientKey(absolute(dir, auth.getClientKey()));
      auth.setTokenFile(absolute(dir, auth.getTokenFile()));
      if (auth.getExec() != null && Objects.equals(user.getName(), userInUse)) {
        plugin = auth.getExec();
      }
      auth.setExec(null);
    }
    io.fabric8.kubernetes.client.Config config =
        io.fabric8.kubernetes.client.Config.fromKubeconfig(
            spec.context(), Serialization.asYaml(file), null);
    if (plugin != null) {
      config.setOauthTokenProvider(new ExecCredentials(plugin, commands, clock));
    }
    return config;
  }

  private static String absolute(Path dir, String file) {
    return file == null || file.isBlank() || Path.of(file).isAbsolute()
        ? file
        : dir.resolve(file).normalize().toString();
  }
}
