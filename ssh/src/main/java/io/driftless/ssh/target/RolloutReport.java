package io.driftless.ssh.target;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.PlaceState;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Revision;
import io.driftless.ssh.SshHost;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What one run of an ssh target did on each of its hosts (outcomes, post-apply output, hosts
 * forgotten), and what the target reports from it: the run's health and summary, the post-apply
 * output as one result, each host's place status. Written by several hosts' threads at once.
 */
final class RolloutReport {
  private final List<SshHost> hosts;
  private final Map<SshHost, HostOutcome> outcomes = new ConcurrentHashMap<>();
  private final Map<SshHost, CommandResult> postApplied = new ConcurrentHashMap<>();
  private final Set<SshHost> forgotten = ConcurrentHashMap.newKeySet();

  /** A report on {@code hosts}, the target's, in the order of the spec. */
  RolloutReport(List<SshHost> hosts) {
    this.hosts = List.copyOf(hosts);
  }

  /** Records what the run did on the outcome's host, replacing what was recorded before. */
  void outcome(HostOutcome outcome) {
    outcomes.put(outcome.host(), outcome);
  }

  /** Records what the post-apply command printed on {@code host}. */
  void postApplied(SshHost host, CommandResult result) {
    postApplied.put(host, result);
  }

  /** Records a host the target no longer lists, whose keys the run met. */
  void forget(SshHost host) {
    forgotten.add(host);
  }

  /** The hosts this run forgot because the target no longer lists them. */
  Set<SshHost> forgotten() {
    return Set.copyOf(forgotten);
  }

  /** How many hosts failed. */
  long failedHosts() {
    return outcomes.values().stream().filter(o -> o.state() == HostOutcome.State.FAILED).count();
  }

  /** Each host's outcome, one a line, then the hosts forgotten. */
  String summary() {
    StringBuilder text = new StringBuilder();
    for (SshHost host : hosts) {
      HostOutcome outcome = outcomes.get(host);
      if (outcome != null) {
        text.append(outcome).append('\n');
      }
    }
    forgotten.stream()
        .map(SshHost::toString)
        .sorted()
        .forEach(
            host ->
                text.append(host)
                    .append(" removed from the target: forgotten, its files left in place\n"));
    return text.toString();
  }

  /** What the post-apply command printed on each host, as one result; empty when none ran. */
  Optional<CommandResult> postApply() {
    if (postApplied.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder output = new StringBuilder();
    Duration total = Duration.ZERO;
    int exit = 0;
    for (SshHost host : hosts) {
      CommandResult result = postApplied.get(host);
      if (result != null) {
        output.append("== ").append(host).append(" ==\n").append(result.output());
        total = total.plus(result.duration());
        exit = exit == 0 ? result.exitCode() : exit;
      }
    }
    return Optional.of(new CommandResult("postApply", exit, false, total, output.toString()));
  }

  /**
   * Healthy once every host the rollout wrote to passed its health check (each was checked before
   * the next batch); the output is the {@link #summary}.
   */
  HealthReport health() {
    long failed =
        outcomes.values().stream().filter(o -> o.state() != HostOutcome.State.APPLIED).count();
    long applied = outcomes.size() - failed;
    return new HealthReport(
        Health.HEALTHY,
        hosts.size()
            + (hosts.size() == 1 ? " host: " : " hosts: ")
            + applied
            + " applied and healthy",
        summary());
  }

  /**
   * Each host's state after the run, by {@code host:port}: failed when it was not {@code reached}
   * (could not be reached or trusted) or could not be written or did not become healthy; out of
   * sync when a change from Git was left (auto-sync off, a rollout stopped before it); drifted when
   * a hand edit was left (self-heal off); synced otherwise. A host holds {@code revision} when
   * every change from Git for it was written (a canary that then failed its health check included);
   * one left short keeps the revision {@code before} gave it.
   */
  Map<String, PlaceStatus> places(
      Revision revision,
      Plan plan,
      List<ResourceOutcome> results,
      Map<String, PlaceStatus> before,
      Predicate<SshHost> reached) {
    Map<ResourceKey, ResourceOutcome.Result> byKey = new HashMap<>();
    results.forEach(o -> byKey.put(o.change().key(), o.result()));
    Map<String, PlaceStatus> places = new TreeMap<>();
    for (SshHost host : hosts) {
      HostOutcome outcome = outcomes.get(host);
      List<Change> left =
          plan.changes().stream()
              .filter(c -> HostPath.split(c.key()).map(s -> s.host().equals(host)).orElse(false))
              .filter(c -> byKey.get(c.key()) != ResourceOutcome.Result.APPLIED)
              .toList();
      boolean wasReached = reached.test(host);
      PlaceState state;
      if (!wasReached || (outcome != null && outcome.state() == HostOutcome.State.FAILED)) {
        state = PlaceState.FAILED;
      } else {
        state =
            left.isEmpty()
                ? PlaceState.SYNCED
                : left.stream().allMatch(Change::drift)
                    ? PlaceState.DRIFTED
                    : PlaceState.OUT_OF_SYNC;
      }
      PlaceStatus earlier = before.get(host.toString());
      Revision holds =
          wasReached && revision != null && left.stream().allMatch(Change::drift)
              ? revision
              : earlier == null ? null : earlier.revision();
      places.put(host.toString(), new PlaceStatus(state, holds));
    }
    return places;
  }
}
