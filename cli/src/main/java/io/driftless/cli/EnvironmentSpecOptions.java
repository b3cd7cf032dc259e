package io.driftless.cli;

import io.driftless.api.model.CommandBody;
import io.driftless.api.model.EnvironmentResponse;
import io.driftless.api.model.SyncPolicyBody;
import io.driftless.api.model.TargetBody;
import io.driftless.api.model.VariablesBody;
import io.driftless.cli.client.CliException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that describe an environment, shared by {@code env add} (everything new) and {@code
 * env set} (only what is given changes). Every field is null when its option is absent.
 */
final class EnvironmentSpecOptions {
  @Option(names = "--source", paramLabel = "SOURCE", description = "The registered source.")
  String source;

  @Option(names = "--ref", paramLabel = "REF", description = "Branch or tag (add: main).")
  String ref;

  @Option(names = "--path", paramLabel = "DIR", description = "Directory in the repository.")
  String path;

  @Option(
      names = "--target-root",
      paramLabel = "DIR",
      description = "Absolute directory on the server host, under its allowed roots.")
  String targetRoot;

  @Option(
      names = "--post-apply",
      paramLabel = "CMD",
      description = "Shell command run after a change is applied, e.g. 'nginx -s reload'.")
  String postApply;

  @Option(
      names = "--health-check",
      paramLabel = "CMD",
      description = "Shell command that exits 0 when the target is healthy.")
  String healthCheck;

  @Option(names = "--health-timeout", paramLabel = "DURATION", description = "e.g. 60s.")
  String healthTimeout;

  @Option(
      names = "--var",
      paramLabel = "NAME=VALUE",
      description = "A variable substituted as ${NAME} (repeatable).")
  List<String> vars = new ArrayList<>();

  @Option(
      names = "--unset-var",
      paramLabel = "NAME",
      description = "set: remove a variable (repeatable).")
  List<String> unsetVars = new ArrayList<>();

  @Option(
      names = "--var-files",
      paramLabel = "GLOB",
      description = "Files that get variables substituted, e.g. '*.env' (repeatable; replaces).")
  List<String> varFiles;

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

  /**
   * The variables: the current ones (if any) with {@code --var} set and {@code --unset-var} gone.
   */
  VariablesBody variables(VariablesBody current) {
    if (vars.isEmpty() && unsetVars.isEmpty() && varFiles == null) {
      return current;
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (current != null && current.values() != null) {
      values.putAll(current.values());
    }
    values.putAll(Inputs.pairs(vars, "--var"));
    unsetVars.forEach(values::remove);
    List<String> files =
        varFiles != null ? varFiles : current == null ? List.of() : current.files();
    return new VariablesBody(values, files);
  }

  /** The target: the current one (if any) with the given options replacing its fields. */
  TargetBody target(TargetBody current) {
    if (current == null && targetRoot == null) {
      throw new CliException("--target-root is required: the directory the environment is kept in");
    }
    if (targetRoot == null && postApply == null && healthCheck == null && healthTimeout == null) {
      return current;
    }
    return new TargetBody(
        "directory",
        targetRoot != null ? targetRoot : current.root(),
        postApply != null ? command(postApply) : current == null ? null : current.postApply(),
        healthCheck != null ? command(healthCheck) : current == null ? null : current.healthCheck(),
        healthTimeout != null ? healthTimeout : current == null ? null : current.healthTimeout());
  }

  /** The sync policy: the current one (if any) with the given options replacing its fields. */
  SyncPolicyBody sync(SyncPolicyBody current) {
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

  /** Where an environment comes from, as people write it: {@code source ref:path}. */
  static String describe(EnvironmentResponse e) {
    return e.source() + " " + e.ref() + (e.path().isEmpty() ? "" : ":" + e.path());
  }

  private static CommandBody command(String shell) {
    return shell.isBlank() ? null : new CommandBody(List.of(shell), null);
  }
}
