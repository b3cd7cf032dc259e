package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.QueuedRunResponse;
import io.driftless.api.model.SyncRequest;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.output.Output;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless sync <env>}: asks for a run now, and with {@code --wait} follows it. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Sync an environment now (operator).",
      "With --wait, show the phases until the run ends; exit 0 succeeded or nothing to do,"
          + " 1 failed, 2 error."
    })
final class SyncCommand extends ClientCommand {
  static final TypeReference<QueuedRunResponse> QUEUED = new TypeReference<>() {};

  @Parameters(paramLabel = "ENV")
  String environment;

  @Option(names = "--revision", description = "A branch, tag or full commit instead of the ref.")
  String revision;

  @Option(names = "--dry-run", description = "Plan and record, change nothing.")
  boolean dryRun;

  @Option(
      names = "--prune",
      negatable = true,
      description = "Delete what left Git (default: the environment's setting).")
  Boolean prune;

  @Option(names = "--force", description = "Sync inside a closed deny window (audited).")
  boolean force;

  @Option(names = "--reason", description = "Why, for the audit log.")
  String reason;

  @Option(
      names = {"-w", "--wait"},
      description = "Follow the run until it ends.")
  boolean await;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "With --wait: give up after this long (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds = 600;

  @Override
  int run(ApiClient api, Output out) {
    // Listening before asking, so that the first phases are not missed.
    try (PhaseFeed feed = await ? PhaseFeed.open(api, environment) : null) {
      QueuedRunResponse queued =
          api.post(
              ApiClient.path("environments", environment, "sync"),
              new SyncRequest(revision, dryRun ? true : null, prune, force ? true : null, reason),
              QUEUED);
      return RunWatcher.follow(api, out, queued, feed, Duration.ofSeconds(timeoutSeconds));
    }
  }
}
