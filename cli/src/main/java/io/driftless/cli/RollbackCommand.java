package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.QueuedRunResponse;
import io.driftless.api.model.RollbackRequest;
import io.driftless.api.model.RollbackResponse;
import io.driftless.cli.client.ApiClient;
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
  static final TypeReference<RollbackResponse> ROLLBACK = new TypeReference<>() {};

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
      description = {
        "Also commit, on the environment's branch, a restore of its path to the pinned content;"
            + " it unpins once that commit is applied. A refused push keeps the pin and says why."
      })
  boolean revertCommit;

  @Option(
      names = {"-w", "--wait"},
      description = "Follow the run until it ends.")
  boolean await;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "With --wait (default: 600).")
  long timeoutSeconds = 600;

  @Override
  int run(ApiClient api, Output out) {
    RollbackRequest request =
        new RollbackRequest(to.run, to.revision, reason, revertCommit ? Boolean.TRUE : null);
    try (PhaseFeed feed = await ? PhaseFeed.open(api, environment) : null) {
      RollbackResponse rollback =
          api.post(ApiClient.path("environments", environment, "rollback"), request, ROLLBACK);
      if (rollback.restoreCommit() != null) {
        out.say(
            "Restore commit "
                + rollback.restoreCommit()
                + " pushed; "
                + environment
                + " unpins once it is applied");
      } else if (rollback.restoreError() != null) {
        out.say(
            "Restore commit not pushed, "
                + environment
                + " stays pinned at "
                + rollback.pinnedRevision()
                + ": "
                + rollback.restoreError());
      }
      QueuedRunResponse queued =
          new QueuedRunResponse(rollback.run(), rollback.environment(), rollback.coalesced());
      return RunWatcher.follow(api, out, queued, feed, Duration.ofSeconds(timeoutSeconds));
    }
  }
}
