package io.driftless.cli;

import io.driftless.api.DriftlessApplication;
import io.driftless.api.config.ConfigurationFiles;
import io.driftless.api.config.DriftlessConfiguration;
import io.driftless.api.config.InvalidConfigurationException;
import io.driftless.cli.client.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

  @Spec CommandSpec spec;

  @Mixin VerboseOption verbose;

  @Override
  public Integer call() throws Exception {
    requireFile(spec, config);
    DriftlessApplication app = start(config);
    app.awaitStop();
    return 0;
  }

  /** A missing file is a usage error, said in one line rather than a stack trace. */
  static void requireFile(CommandSpec spec, Path config) {
    if (config != null && !Files.isRegularFile(config)) {
      throw new ParameterException(spec.commandLine(), "no configuration file " + config);
    }
  }

  /**
   * Reads the file as the server will: a mistake is one line that names the file and the field,
   * rather than Dropwizard's stack trace.
   */
  static DriftlessConfiguration load(Path config) {
    try {
      return ConfigurationFiles.load(config);
    } catch (InvalidConfigurationException e) {
      throw new CliException(e.getMessage(), CliException.ERROR, e);
    }
  }

  /** Starts the Dropwizard application; it exits the process itself when it cannot start. */
  static DriftlessApplication start(Path config) throws Exception {
    load(config);
    DriftlessApplication app = new DriftlessApplication();
    if (config == null) {
      app.run("server");
    } else {
      app.run("server", config.toString());
    }
    return app;
  }
}
