package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.EnvironmentResponse;
import io.driftless.api.model.ItemPage;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.client.ClientConfig;
import io.driftless.cli.client.ClientOptions;
import io.driftless.cli.output.Output;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftless login <url>}: checks the token against the server, then stores both for the
 * other commands.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Check a token against the server and store the URL and token (mode 0600) for the other"
          + " commands.",
      "The token comes from --token-file, --token, or standard input.",
      "DRIFTLESS_SERVER and DRIFTLESS_TOKEN override what is stored."
    })
final class LoginCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ClientOptions client;

  @Parameters(paramLabel = "URL", description = "The server, e.g. http://localhost:8080.")
  String url;

  @ArgGroup(exclusive = true)
  TokenInput input;

  static final class TokenInput {
    @Option(
        names = "--token-file",
        paramLabel = "FILE",
        description = "Read the token from a file, e.g. data/admin.token.")
    Path file;

    @Option(
        names = "--token-stdin",
        description = "Read the token from standard input (the default when it is not a terminal).")
    boolean stdin;
  }

  @Override
  public Integer call() throws IOException {
    Output out = client.output.output(spec);
    String token = token();
    ApiClient api = new ApiClient(url, token, Duration.ofSeconds(30));
    // A viewer's cheapest read: proves the URL and the token before anything is stored.
    api.get(
        ApiClient.path("environments") + "?limit=1",
        new TypeReference<ItemPage<EnvironmentResponse>>() {});
    Path file = client.configFile();
    new ClientConfig(api.server().replaceAll("/+$", ""), token).save(file);
    out.message(
        Map.of("server", api.server().replaceAll("/+$", ""), "config", file.toString()),
        "Logged in to " + api.server().replaceAll("/+$", "") + " (stored in " + file + ")");
    return CliException.OK;
  }

  private String token() throws IOException {
    String token;
    if (input != null && input.file != null) {
      if (!Files.isReadable(input.file)) {
        throw new CliException("cannot read the token file " + input.file);
      }
      token = Files.readString(input.file);
    } else if (client.token() != null) {
      token = client.token();
    } else {
      Console console = System.console();
      if (console != null && (input == null || !input.stdin)) {
        char[] typed = console.readPassword("Token: ");
        token = typed == null ? "" : new String(typed);
      } else {
        token =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      }
    }
    if (token == null || token.isBlank()) {
      throw new CliException(
          "no token given: pass --token-file FILE (e.g. data/admin.token) or pipe it to"
              + " standard input");
    }
    return token.trim();
  }
}
