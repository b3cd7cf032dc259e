package io.driftless.cli;

import io.driftless.api.model.SyncPolicyBody;
import io.driftless.cli.client.CliException;
import picocli.CommandLine.Option;

/** The options of an environment's sync policy: what syncs on its own, and when it is checked. */
final class SyncOptions {
  @Option(names = "--auto", negatable = true, description = "Sync on every new commit.")
  Boolean auto;

  @Option(names = "--prune", negatable = true, description = "Delete what left Git.")
  Boolean prune;

  @Option(names = "--self-heal", negatable = true, description = "Undo drift made by hand.")
  Boolean selfHeal;

  @Option(
      names = "--auto-rollback",
      negatable = true,
      description = "Roll back when health fails after a sync.")
  Boolean autoRollback;

  @Option(names = "--interval", paramLabel = "DURATION", description = "Check every, e.g. 5m.")
  String interval;

  @Option(names = "--cron", paramLabel = "EXPR", description = "Quartz cron instead of interval.")
  String cron;

  @Option(names = "--time-zone", paramLabel = "ZONE", description = "Zone of --cron.")
  String timeZone;

  /** The sync policy: the current one (if any) with the given options replacing its fields. */
  SyncPolicyBody policy(SyncPolicyBody current) {
    if (interval != null && cron != null) {
      throw new CliException("give --interval or --cron, not both");
    }
    boolean none =
        auto == null
            && prune == null
            && selfHeal == null
            && autoRollback == null
            && interval == null
            && cron == null
            && timeZone == null;
    if (none) {
      return current;
    }
    SyncPolicyBody c =
        current != null
            ? current
            : new SyncPolicyBody(null, null, null, null, null, null, null, null);
    boolean schedule = interval != null || cron != null;
    return new SyncPolicyBody(
        auto != null ? auto : c.auto(),
        prune != null ? prune : c.prune(),
        selfHeal != null ? selfHeal : c.selfHeal(),
        autoRollback != null ? autoRollback : c.autoRollback(),
        schedule ? interval : c.interval(),
        schedule ? cron : c.cron(),
        timeZone != null ? timeZone : schedule ? null : c.timeZone(),
        c.windows());
  }
}
