package io.driftless.cli;

import io.driftless.api.model.CommandBody;
import io.driftless.api.model.TargetBody;
import io.driftless.cli.client.CliException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of an ssh target: its hosts, the login, and the rollout's batches. */
final class SshTargetOptions {
  @Option(
      names = "--host",
      paramLabel = "HOST[:PORT]",
      split = ",",
      description =
          "ssh: a host to keep, as name or address with an optional port (repeatable; set:"
              + " replaces the list).")
  List<String> hosts;

  @Option(names = "--user", paramLabel = "NAME", description = "ssh: the login name on the hosts.")
  String user;

  @Option(
      names = "--credential",
      paramLabel = "NAME",
      description = "ssh: the named ssh-key credential to log in with (driftless credential add).")
  String credential;

  @Option(
      names = "--known-hosts",
      paramLabel = "FILE",
      description =
          "ssh: a known_hosts file pinning every host's key, e.g. from ssh-keyscan checked by"
              + " hand; required: host keys are never trusted on first use.")
  Path knownHosts;

  @Option(
      names = "--batches",
      paramLabel = "STEP",
      split = ",",
      description =
          "ssh: the rollout's batches, as cumulative host counts or shares, e.g. 1,25%,100%"
              + " (default 100%).")
  List<String> batches;

  @Option(
      names = "--max-parallel",
      paramLabel = "N",
      description = "ssh: hosts of a batch worked on at once (default 10).")
  Integer maxParallel;

  @Option(
      names = "--stop-on-failure",
      negatable = true,
      description = "ssh: a failed host stops the rollout before the next batch (default no).")
  Boolean stopOnFailure;

  /** Whether any of these options is given. */
  boolean given() {
    return hosts != null
        || user != null
        || credential != null
        || knownHosts != null
        || batches != null
        || maxParallel != null
        || stopOnFailure != null;
  }

  /**
   * An ssh target: the given options over {@code same}'s fields; a new one ({@code same} null)
   * needs every option that has no default. {@code root}, the commands and the timeout are the
   * target options' already.
   */
  TargetBody body(
      TargetBody same,
      String root,
      CommandBody postApply,
      CommandBody healthCheck,
      String healthTimeout) {
    if (same == null) {
      List<String> missing = new ArrayList<>();
      if (hosts == null) {
        missing.add("--host");
      }
      if (user == null) {
        missing.add("--user");
      }
      if (credential == null) {
        missing.add("--credential");
      }
      if (knownHosts == null) {
        missing.add("--known-hosts");
      }
      if (root == null) {
        missing.add("--root");
      }
      if (!missing.isEmpty()) {
        throw new CliException("an ssh target needs " + String.join(", ", missing));
      }
    }
    return TargetBody.ssh(
        root,
        postApply,
        healthCheck,
        healthTimeout,
        hosts != null ? hosts : same.hosts(),
        user != null ? user : same.user(),
        credential != null ? credential : same.credential(),
        knownHosts != null ? Inputs.secret(knownHosts, "known_hosts") : same.knownHosts(),
        strategy(same == null ? null : same.strategy()));
  }

  /** The rollout: the given batch options over {@code was}'s; {@code was} when none is given. */
  private TargetBody.StrategyBody strategy(TargetBody.StrategyBody was) {
    if (batches == null && maxParallel == null && stopOnFailure == null) {
      return was;
    }
    return new TargetBody.StrategyBody(
        batches != null ? batches : was == null ? null : was.batches(),
        maxParallel != null ? maxParallel : was == null ? null : was.maxParallel(),
        stopOnFailure != null ? stopOnFailure : was == null ? null : was.stopOnFailure());
  }
}
