package io.driftless.cli;

import io.driftless.api.model.QueuedRunResponse;
import io.driftless.api.model.RollbackRequest;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless rollback <env>}: pins the environment to a past run or revision and syncs. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Pin an environment to what a past run applied, or to a revision, and sync it at once"
          + " (operator). It stays pinned until 'driftless unpin'.",
      "Example: driftless rollback prod --to-run 41 --reason 'bad nginx config' --wait"
    })
final class RollbackCommand extends ClientCommand {
  @Parameters(paramLabel = "ENV")
  String environment;

  @ArgGroup(exclusive = true, multiplicity = "1")
  To to;

  static final class To {
    @Option(names = "--to-run", paramLabel = "ID", description = "A successful run of this env.")
    Long run;

    @Option(names = "--to-revision", paramLabel = "SHA", description = "A full commit id.")
    String revision;
  }

  @Option(names = "--reason", required = true, description = "Why, for the audit log.")
  String reason;

  @Option(
      names = "--revert-commit",
      description = "Also commit the restore on the branch (not supported by the server yet).")
  boolean revertCommit;

  @Option(
      names = {"-w", "--wait"},
      description = "Follow the run until it ends.")
  boolean await;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "With --wait (default: 600).")
  long timeoutSeconds = 600;

  @Override
  int run(ApiClient api, Output out) {
    if (revertCommit) {
      // The wire record has no revertCommit yet; sending it would be silently ignored.
      throw new CliException(
          "--revert-commit is not supported by this server yet; roll back without it and commit"
              + " the revert yourself");
    }
    RollbackRequest request = new RollbackRequest(to.run, to.revision, reason);
    try (PhaseFeed feed = await ? PhaseFeed.open(api, environment) : null) {
      QueuedRunResponse queued =
          api.post(
              ApiClient.path("environments", environment, "rollback"), request, SyncCommand.QUEUED);
      return SyncCommand.follow(api, out, queued, feed, Duration.ofSeconds(timeoutSeconds));
    }
  }
}
