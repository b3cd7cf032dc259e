package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.EnvironmentResponse;
import io.driftless.api.model.FollowGitResponse;
import io.driftless.api.model.ReasonRequest;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code unpin}, {@code suspend} and {@code resume}: one POST with a reason each. Unpin and resume
 * also say which run the server queued to follow Git again, or why it queued none.
 */
final class PinCommands {
  private PinCommands() {}

  /** The shared shape: the environment, why, and the action's path segment. */
  abstract static class ReasonCommand extends ClientCommand {
    @Parameters(paramLabel = "ENV")
    String environment;

    @Option(names = "--reason", required = true, description = "Why, for the audit log.")
    String reason;

    private final String action;
    final String done;

    /**
     * @param action the action's path segment, e.g. {@code suspend}
     * @param done what the environment now is, e.g. {@code suspended}
     */
    ReasonCommand(String action, String done) {
      this.action = action;
      this.done = done;
    }

    String path() {
      return ApiClient.path("environments", environment, action);
    }

    static String line(Output out, EnvironmentResponse e, String done) {
      return EnvCommand.line(e, done, EnvCommand.status(out, e));
    }
  }

  /** Unpin and resume: the environment follows Git again, at once when its policy allows. */
  abstract static class FollowCommand extends ReasonCommand {
    static final TypeReference<FollowGitResponse> FOLLOW = new TypeReference<>() {};

    FollowCommand(String action, String done) {
      super(action, done);
    }

    @Override
    int run(ApiClient api, Output out) {
      FollowGitResponse r = api.post(path(), new ReasonRequest(reason), FOLLOW);
      FollowGitResponse.FollowUpRun sync = r.sync();
      String then =
          sync.queued()
              ? "run #" + sync.run() + (sync.coalesced() ? " was already queued" : " queued")
              : "no run queued: " + sync.message();
      out.message(r, line(out, r.environment(), done) + "; " + then);
      return CliException.OK;
    }
  }

  @Command(
      name = "unpin",
      mixinStandardHelpOptions = true,
      description =
          "Release a rollback's pin: the environment follows its ref again, synced at once when"
              + " auto-sync is on and no window is closed (operator).")
  static final class Unpin extends FollowCommand {
    Unpin() {
      super("unpin", "unpinned");
    }
  }

  @Command(
      name = "suspend",
      mixinStandardHelpOptions = true,
      description = "Stop syncing an environment until resumed (operator).")
  static final class Suspend extends ReasonCommand {
    Suspend() {
      super("suspend", "suspended");
    }

    @Override
    int run(ApiClient api, Output out) {
      EnvironmentResponse e = api.post(path(), new ReasonRequest(reason), EnvCommand.ENVIRONMENT);
      out.message(e, line(out, e, done));
      return CliException.OK;
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description =
          "Resume syncing a suspended environment, at once when auto-sync is on and no window is"
              + " closed (operator).")
  static final class Resume extends FollowCommand {
    Resume() {
      super("resume", "resumed");
    }
  }
}
