package io.driftless.cli;

import io.driftless.api.model.EnvironmentResponse;
import io.driftless.api.model.ReasonRequest;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unpin}, {@code suspend} and {@code resume}: one POST with a reason each. */
final class PinCommands {
  private PinCommands() {}

  /** The shared shape: the environment, why, and the action's path segment. */
  abstract static class ReasonCommand extends ClientCommand {
    @Parameters(paramLabel = "ENV")
    String environment;

    @Option(names = "--reason", required = true, description = "Why, for the audit log.")
    String reason;

    abstract String action();

    abstract String done();

    @Override
    int run(ApiClient api, Output out) {
      EnvironmentResponse e =
          api.post(
              ApiClient.path("environments", environment, action()),
              new ReasonRequest(reason),
              EnvCommand.ENVIRONMENT);
      out.message(
          e, "Environment " + e.name() + " " + done() + " (" + EnvCommand.status(out, e) + ")");
      return CliException.OK;
    }
  }

  @Command(
      name = "unpin",
      mixinStandardHelpOptions = true,
      description = "Release a rollback's pin: the environment follows its ref again (operator).")
  static final class Unpin extends ReasonCommand {
    @Override
    String action() {
      return "unpin";
    }

    @Override
    String done() {
      return "unpinned";
    }
  }

  @Command(
      name = "suspend",
      mixinStandardHelpOptions = true,
      description = "Stop syncing an environment until resumed (operator).")
  static final class Suspend extends ReasonCommand {
    @Override
    String action() {
      return "suspend";
    }

    @Override
    String done() {
      return "suspended";
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Resume syncing a suspended environment (operator).")
  static final class Resume extends ReasonCommand {
    @Override
    String action() {
      return "resume";
    }

    @Override
    String done() {
      return "resumed";
    }
  }
}
