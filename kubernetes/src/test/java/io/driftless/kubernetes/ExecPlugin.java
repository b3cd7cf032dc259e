package io.driftless.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A kubeconfig {@code exec} credential plugin for tests: a shell script named {@code get-token}
 * that prints an ExecCredential with the token {@code t0k3n}, and a kubeconfig whose current
 * context's user runs a plugin.
 */
public final class ExecPlugin {
  private ExecPlugin() {}

  /**
   * Writes the executable {@code dir/get-token}: it runs {@code firstLines} (shell, each ending in
   * a newline), then prints its credential.
   */
  public static Path write(Path dir, String firstLines) throws IOException {
    Path plugin = dir.resolve("get-token");
    Files.writeString(
        plugin,
        "#!/bin/sh\n"
            + firstLines
            + "echo '{\"apiVersion\": \"client.authentication.k8s.io/v1\","
            + " \"kind\": \"ExecCredential\", \"status\": {\"token\": \"t0k3n\"}}'\n");
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
    return plugin;
  }

  /**
   * Writes {@code dir/kubeconfig}: one cluster at {@code https://127.0.0.1:1}, a user with a plain
   * token, and the current context's user, whose plugin is {@code command} with {@code execLines}
   * (such as {@code args: [prod]}) added to its exec section.
   */
  public static Path kubeconfig(Path dir, String command, String... execLines) throws IOException {
    Path kubeconfig = dir.resolve("kubeconfig");
    StringBuilder exec = new StringBuilder();
    for (String line : execLines) {
      exec.append("\n        ").append(line);
    }
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: c
            cluster: {server: "https://127.0.0.1:1"}
        users:
          - name: plain
            user: {token: abc}
          - name: plugin
            user:
              exec:
                apiVersion: client.authentication.k8s.io/v1
                interactiveMode: Never
                command: "%s"%s
        contexts:
          - name: c
            context: {cluster: c, user: plugin}
        current-context: c
        """
            .formatted(command, exec));
    return kubeconfig;
  }
}
