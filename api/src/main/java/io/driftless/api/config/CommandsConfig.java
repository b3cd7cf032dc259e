package io.driftless.api.config;

import io.driftless.engine.process.CommandPolicy;
import java.util.List;

/**
 * Which programs the server may start for an environment: post-apply and health commands, render
 * commands and kubeconfig {@code exec} plugins. Off by default, so that an admin token is not a
 * shell; an environment naming a program that is not allowed is refused (422), and one registered
 * earlier fails its runs.
 *
 * @param enabled whether any command may run; false by default
 * @param allowed the programs that may run, each an absolute path (that file) or a bare name (found
 *     on the server's {@code PATH}); {@code sh} admits commands with shell syntax, and with them
 *     any program
 */
public record CommandsConfig(boolean enabled, List<String> allowed) {
  public CommandsConfig {
    allowed = allowed == null ? List.of() : List.copyOf(allowed);
    buildPolicy(enabled, allowed); // refuses a relative path at start-up
  }

  public static CommandsConfig defaults() {
    return new CommandsConfig(false, null);
  }

  public CommandPolicy buildPolicy() {
    return buildPolicy(enabled, allowed);
  }

  private static CommandPolicy buildPolicy(boolean enabled, List<String> allowed) {
    return new CommandPolicy(enabled, allowed, System.getenv("PATH"));
  }
}
