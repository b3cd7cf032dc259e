package io.driftless.kubernetes.target;

import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.process.CommandRefusedException;
import io.driftless.engine.target.TargetConfigException;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.nio.file.Path;

/**
 * The programs a kubeconfig would have the server start: the {@code exec} credential plugins of its
 * users (e.g. {@code aws eks get-token}), which the Kubernetes client runs when it loads the file.
 * Each must be one the server's {@link CommandPolicy} allows; the file is read as YAML only, before
 * the client ever loads it, so a refused plugin never runs.
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
}
