package io.driftless.cli.client;

import io.driftless.cli.output.OutputOptions;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every client command shares. The server and token come from the flags, else {@code
 * DRIFTLESS_SERVER} / {@code DRIFTLESS_TOKEN}, else what {@code driftless login} stored.
 */
public final class ClientOptions {
  static final String DEFAULT_SERVER = "http://localhost:8080";

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "Server URL (default: DRIFTLESS_SERVER, the login, or " + DEFAULT_SERVER + ").")
  String server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "API token (default: DRIFTLESS_TOKEN, or the login). Visible to ps: prefer"
              + " the login or the variable.")
  String token;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The login file (default: $XDG_CONFIG_HOME/driftless/config or"
              + " ~/.config/driftless/config).")
  Path config;

  @Mixin public OutputOptions output = new OutputOptions();

  @Option(
      names = "--request-timeout",
      paramLabel = "SECONDS",
      description = "How long to wait for each answer of the server (default: ${DEFAULT-VALUE}).")
  int requestTimeoutSeconds = 60;

  public Path configFile() {
    if (config != null) {
      return config;
    }
    String fromEnv = OutputOptions.environment.apply("DRIFTLESS_CONFIG");
    return fromEnv != null && !fromEnv.isBlank()
        ? Path.of(fromEnv)
        : ClientConfig.defaultFile(OutputOptions.environment);
  }

  /** The token given with {@code --token}, if any. */
  public String token() {
    return token == null || token.isBlank() ? null : token.trim();
  }

  public ApiClient client() {
    ClientConfig stored = null;
    String url = first(server, OutputOptions.environment.apply("DRIFTLESS_SERVER"));
    String bearer = first(token, OutputOptions.environment.apply("DRIFTLESS_TOKEN"));
    if (url == null || bearer == null) {
      stored = ClientConfig.load(configFile());
    }
    if (url == null) {
      url = first(stored.server(), DEFAULT_SERVER);
    }
    if (bearer == null) {
      bearer = stored.token();
    }
    return new ApiClient(url, bearer, Duration.ofSeconds(Math.max(1, requestTimeoutSeconds)));
  }

  private static String first(String a, String b) {
    return a != null && !a.isBlank() ? a.trim() : b != null && !b.isBlank() ? b.trim() : null;
  }
}
