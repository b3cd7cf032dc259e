package io.driftless.cli;

import io.driftless.api.DriftlessApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code driftless server [config.yml]}: the platform, until Ctrl-C. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Start the Driftless server. Without a file: H2 under ./data, port 8080 (admin 8081),"
          + " directory targets under ./data/targets."
    })
final class ServerCommand implements Callable<Integer> {

  @Parameters(arity = "0..1", paramLabel = "config.yml", description = "Configuration file.")
  Path config;

  @Override
  public Integer call() throws Exception {
    DriftlessApplication app = start(config);
    app.awaitStop();
    return 0;
  }

  /** Starts the Dropwizard application; it exits the process itself when it cannot start. */
  static DriftlessApplication start(Path config) throws Exception {
    if (config != null && !Files.isRegularFile(config)) {
      throw new IllegalArgumentException("no configuration file " + config);
    }
    DriftlessApplication app = new DriftlessApplication();
    if (config == null) {
      app.run("server");
    } else {
      app.run("server", config.toString());
    }
    return app;
  }
}
