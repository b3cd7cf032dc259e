package io.driftless.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kubeconfig files for tests. */
public final class Kubeconfigs {
  private Kubeconfigs() {}

  /**
   * Writes a kubeconfig whose current context {@code context} reaches {@code server} with a token
   * (not a secret); returns {@code file}.
   */
  public static Path withToken(Path file, String context, String server) {
    try {
      Files.writeString(
          file,
          """
          apiVersion: v1
          kind: Config
          clusters:
            - name: %1$s
              cluster: {server: "%2$s"}
          users:
            - name: test
              user: {token: not-a-secret}
          contexts:
            - name: %1$s
              context: {cluster: %1$s, user: test}
          current-context: %1$s
          """
              .formatted(context, server));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
