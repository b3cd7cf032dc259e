package io.driftless.ssh.target;

import io.driftless.engine.EngineException;
import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.target.ApplyException;
import io.driftless.engine.target.RelativeFilePath;
import io.driftless.engine.target.StatCache;
import io.driftless.engine.target.Target;
import io.driftless.engine.target.UnsafeResourceException;
import io.driftless.ssh.RemoteFiles;
import io.driftless.ssh.RemotePath;
import io.driftless.ssh.RemoteStat;
import io.driftless.ssh.SshHost;
import io.driftless.ssh.SshSession;
import io.driftless.ssh.SshSessionPool;
import io.driftless.ssh.SshSessions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same files kept on each of a list of hosts over SSH/SFTP, with the directory target's
 * guarantees per host. Each rendered file is {@link #place placed} once per host under the key
 * {@code host:port:path}, so one snapshot and one inventory hold every host's files, and the diff,
 * drift and prune of each host are its own.
 *
 * <ul>
 *   <li>A host that cannot be reached, refuses the key, offers an unknown or changed host key, or
 *       lies outside the server's {@code allowedHosts} fails alone: nothing is written there, its
 *       keys read as absent, and the others go on (unless the rollout stops on failure).
 *   <li>A host removed from the list is forgotten: its keys are not read (so never pruned) and
 *       leave the inventory, its files stay where they are, and the run says so.
 *   <li>{@link #apply} rolls out batch by batch ({@link TargetSpec.Rollout}): on each host of a
 *       batch, at most {@code maxParallel} at once, it writes the host's changes ({@link
 *       HostApplier}), then runs the post-apply command and waits for the health check ({@link
 *       HostCommands}); with {@code stopOnFailure} a failed host stops the rollout before the next
 *       batch.
 * </ul>
 *
 * <p>What the run did on each host, and the health, post-apply output and place statuses reported
 * from it, are kept in a {@link RolloutReport}. One SSH connection per host serves the whole run,
 * leased from the factory's {@link SshSessionPool} (kept open for the next run a while); {@link
 * #close} hands them back. Opened by {@link SshTargetFactory}; one run at a time.
 */
public final class SshTarget implements Target {
  private static final Logger LOG = LoggerFactory.getLogger(SshTarget.class);

  private final TargetSpec.Ssh spec;
  private final RemotePath root;
  private final List<SshHost> hosts;
  private final Map<SshHost, String> refused;
  private final Supplier<SshSessionPool.Lease> connect;
  private final Function<SshHost, StatCache<RemoteStat>> caches;
  private final Function<RemoteFiles, Optional<String>> rootCheck;
  private final RemoteStaging staging;
  private final HostReader reader;
  private final HostApplier applier;
  private final HostCommands commands;
  private final Map<SshHost, RuntimeException> unreachable = new ConcurrentHashMap<>();
  private final RolloutReport report;
  private volatile Revision revision; // what place() was last given: the run's
  private SshSessionPool.Lease sessions;

  SshTarget(
      TargetSpec.Ssh spec,
      RemotePath root,
      List<SshHost> hosts,
      Map<SshHost, String> refused,
      Supplier<SshSessionPool.Lease> connect,
      Function<SshHost, StatCache<RemoteStat>> caches,
      Function<RemoteFiles, Optional<String>> rootCheck,
      RemoteStaging staging,
      HostReader reader,
      HostApplier applier,
      HostCommands commands) {
    this.spec = spec;
    this.root = root;
    this.hosts = List.copyOf(hosts);
    this.refused = Map.copyOf(refused);
    this.connect = connect;
    this.caches = caches;
    this.rootCheck = rootCheck;
    this.staging = staging;
    this.reader = reader;
    this.applier = applier;
    this.commands = commands;
    this.report = new RolloutReport(this.hosts);
  }

  /** The hosts of this target, in the order of the spec. */
  public List<SshHost> hosts() {
    return hosts;
  }

  /** Each rendered file once per host, keyed {@code host:port:path}. */
  @Override
  public DesiredState place(DesiredState rendered) {
    revision = rendered.revision();
    TreeMap<ResourceKey, Resource> placed = new TreeMap<>();
    Map<ResourceKey, String> origins = new HashMap<>();
    for (SshHost host : hosts) {
      for (Resource resource : rendered.resources().values()) {
        ResourceKey key = HostPath.key(host, resource.key());
        placed.put(key, new Resource(key, resource.kind(), resource.content()));
        origins.put(key, rendered.origin(resource.key()));
      }
    }
    return new DesiredState(rendered.revision(), rendered.treeId(), placed, origins);
  }

  /** A stored snapshot's files, whichever hosts it was applied to, placed on today's hosts. */
  @Override
  public DesiredState placeAgain(DesiredState placed) {
    TreeMap<ResourceKey, Resource> rendered = new TreeMap<>();
    for (Resource resource : placed.resources().values()) {
      HostPath.split(resource.key())
          .ifPresent(
              split ->
                  rendered.putIfAbsent(
                      split.path(),
                      new Resource(split.path(), resource.kind(), resource.content())));
    }
    return place(new DesiredState(placed.revision(), placed.treeId(), rendered));
  }

  /**
   * Refuses, before anything is written on any host, what the directory target refuses ({@link
   * RelativeFilePath#checkTree}) and a key of a host not in the list.
   */
  @Override
  public void validate(DesiredState desired) {
    Map<ResourceKey, Resource> paths = new TreeMap<>();
    for (Resource resource : desired.resources().values()) {
      HostPath.Split split =
          HostPath.split(resource.key())
              .filter(s -> hosts.contains(s.host()))
              .orElseThrow(
                  () ->
                      new UnsafeResourceException(
                          resource.key().value(), resource.key() + " names no host of the target"));
      paths.putIfAbsent(
          split.path(), new Resource(split.path(), resource.kind(), resource.content()));
    }
    RelativeFilePath.checkTree(paths.values(), "an ssh target");
  }

  /**
   * Removes what an interrupted apply left under the root of every host that can be reached. A host
   * that cannot is remembered as failed for this run.
   */
  @Override
  public void recover() {
    eachHost(
        reachable(hosts),
        host -> {
          RemoteFiles files = session(host).files();
          if (files.lstat(root).map(RemoteStat::isDirectory).orElse(false)) {
            staging.recover(files);
          }
          return null;
        });
  }

  /**
   * Reads each host's keys over SFTP, several hosts at once. Keys of a host not in the list
   * (removed from it) are not read: the host is forgotten. A host that fails is remembered as
   * failed, and its keys read as absent.
   */
  @Override
  public LiveState read(Set<ResourceKey> keys) {
    Map<SshHost, List<ResourceKey>> byHost = new LinkedHashMap<>();
    for (ResourceKey key : keys) {
      Optional<HostPath.Split> split = HostPath.split(key);
      if (split.isEmpty()) {
        LOG.warn("not reading {}: it names no host", key);
      } else if (!hosts.contains(split.get().host())) {
        report.forget(split.get().host());
      } else {
        byHost.computeIfAbsent(split.get().host(), h -> new ArrayList<>()).add(split.get().path());
      }
    }
    Map<SshHost, List<Resource>> found =
        eachHost(
            reachable(byHost.keySet()),
            host -> reader.read(host, session(host).files(), byHost.get(host), caches.apply(host)));
    TreeMap<ResourceKey, Resource> live = new TreeMap<>();
    found.values().forEach(list -> list.forEach(r -> live.put(r.key(), r)));
    return new LiveState(live);
  }

  /**
   * Rolls the changes out host by host, batch by batch; see the class comment. When a host fails,
   * the exception lists every change applied on the others, names each host's outcome, and is
   * {@link ApplyException#unhealthy unhealthy} when a host was written but did not become healthy.
   */
  @Override
  public void apply(List<Change> changes) {
    Map<SshHost, List<HostChange>> byHost = new LinkedHashMap<>();
    for (SshHost host : hosts) {
      for (Change change : changes) {
        HostPath.split(change.key())
            .filter(split -> split.host().equals(host))
            .ifPresent(
                split ->
                    byHost
                        .computeIfAbsent(host, h -> new ArrayList<>())
                        .add(new HostChange(change, RelativeFilePath.of(split.path()))));
      }
    }
    for (SshHost host : hosts) {
      if (!byHost.containsKey(host)) {
        report.outcome(new HostOutcome(host, HostOutcome.State.UNCHANGED, 0, "", revision));
      }
    }
    List<SshHost> order = List.copyOf(byHost.keySet());
    List<Change> applied = new ArrayList<>();
    List<Change> unapplied = new ArrayList<>();
    Change firstFailed = null;
    boolean unhealthy = false;
    int next = 0;
    for (int size : spec.rollout().sizes(order.size())) {
      List<SshHost> batch = order.subList(next, next + size);
      next += size;
      Map<SshHost, HostRollout> results = eachHost(batch, host -> rollOut(host, byHost.get(host)));
      for (SshHost host : batch) {
        HostRollout result = results.get(host);
        applied.addAll(result.applied());
        report.outcome(result.outcome());
        if (result.failed() != null) {
          firstFailed = firstFailed == null ? result.failed() : firstFailed;
          unhealthy |= result.unhealthy();
          byHost.get(host).stream()
              .map(HostChange::change)
              .filter(c -> !result.applied().contains(c) && c != result.failed())
              .forEach(unapplied::add);
        }
      }
      if (firstFailed != null && spec.rollout().stopOnFailure()) {
        for (SshHost host : order.subList(next, order.size())) {
          report.outcome(
              new HostOutcome(
                  host,
                  HostOutcome.State.NOT_ATTEMPTED,
                  0,
                  "the rollout stopped on a failed host (stopOnFailure)",
                  null));
        }
        break;
      }
    }
    if (firstFailed != null) {
      String message =
          "the rollout failed on "
              + report.failedHosts()
              + " of "
              + hosts.size()
              + (hosts.size() == 1 ? " host" : " hosts")
              + ":\n"
              + report.summary();
      LOG.warn("{} under {}", message, root);
      throw ApplyException.onPlaces(firstFailed, applied, unapplied, message, unhealthy);
    }
  }

  /** What a rollout did on one host. */
  private record HostRollout(
      HostOutcome outcome, List<Change> applied, Change failed, boolean unhealthy) {}

  private HostRollout rollOut(SshHost host, List<HostChange> changes) {
    Change first = changes.get(0).change();
    String refusal = refusal(host);
    if (refusal != null) {
      return failed(host, List.of(), first, refusal, false, null);
    }
    SshSession session;
    List<Change> all = changes.stream().map(HostChange::change).toList();
    try {
      session = session(host);
      RemoteFiles files = session.files();
      Optional<String> outside = rootCheck.apply(files);
      if (outside.isPresent()) {
        return failed(host, List.of(), first, outside.get(), false, null);
      }
      HostApplier.Applied written = applier.apply(files, changes, caches.apply(host));
      if (!written.directoriesSynced()) {
        LOG.warn(
            "{} does not offer fsync@openssh.com: the renames under {} are not flushed",
            host,
            root);
      }
    } catch (HostApplier.Failure e) {
      return failed(host, e.applied, e.change, describe(e.getCause()), false, null);
    } catch (RuntimeException e) {
      unreachable.put(host, e);
      return failed(host, List.of(), first, describe(e), false, null);
    }
    try {
      Optional<CommandResult> post = commands.postApply(session);
      post.ifPresent(result -> report.postApplied(host, result));
      if (post.isPresent() && !post.get().succeeded()) {
        return failed(host, all, first, "post-apply command " + how(post.get()), true, revision);
      }
      HealthReport health = commands.health(session, spec.healthTimeout());
      if (health.health() != Health.HEALTHY) {
        return failed(host, all, first, health.message(), true, revision);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(host, all, first, "interrupted while checking health", true, revision);
    } catch (RuntimeException e) {
      return failed(host, all, first, describe(e), true, revision);
    }
    return new HostRollout(
        new HostOutcome(host, HostOutcome.State.APPLIED, all.size(), "", revision),
        all,
        null,
        false);
  }

  /**
   * @param holds the run's revision when every change was written before it failed, else null
   */
  private static HostRollout failed(
      SshHost host,
      List<Change> applied,
      Change failed,
      String why,
      boolean unhealthy,
      Revision holds) {
    return new HostRollout(
        new HostOutcome(host, HostOutcome.State.FAILED, applied.size(), why, holds),
        applied,
        failed,
        unhealthy);
  }

  private static String how(CommandResult result) {
    return result.timedOut()
        ? "timed out after " + result.duration().toSeconds() + "s"
        : "exited " + result.exitCode();
  }

  private static String describe(Throwable e) {
    return e instanceof EngineException ? e.getMessage() : e.toString();
  }

  /** What the post-apply command printed on each host, as one result; empty when none ran. */
  @Override
  public Optional<CommandResult> postApply() {
    return report.postApply();
  }

  /**
   * Healthy once every host the rollout wrote to passed its health check (each was checked before
   * the next batch); the output lists each host's outcome and the hosts forgotten.
   */
  @Override
  public HealthReport health(Duration timeout) {
    return report.health();
  }

  @Override
  public Duration healthTimeout() {
    return spec.healthTimeout();
  }

  /** Each host's state after the run; see {@link RolloutReport#places}. */
  @Override
  public Map<String, PlaceStatus> places(
      Revision revision,
      Plan plan,
      List<ResourceOutcome> results,
      Map<String, PlaceStatus> before) {
    return report.places(revision, plan, results, before, host -> refusal(host) == null);
  }

  /** The hosts this run forgot because the target no longer lists them. */
  public Set<SshHost> forgottenHosts() {
    return report.forgotten();
  }

  @Override
  public synchronized void close() {
    if (sessions != null) {
      sessions.close();
      sessions = null;
    }
  }

  private synchronized SshSessions sessions() {
    if (sessions == null) {
      sessions = connect.get();
    }
    return sessions.sessions();
  }

  private SshSession session(SshHost host) {
    return sessions().session(host);
  }

  /** Why {@code host} fails in this run before anything is tried; null when it may be tried. */
  private String refusal(SshHost host) {
    String outside = refused.get(host);
    if (outside != null) {
      return outside;
    }
    RuntimeException earlier = unreachable.get(host);
    return earlier == null ? null : describe(earlier);
  }

  private List<SshHost> reachable(Collection<SshHost> candidates) {
    return candidates.stream().filter(h -> refusal(h) == null).toList();
  }

  private <T> Map<SshHost, T> eachHost(List<SshHost> some, Function<SshHost, T> work) {
    return HostPool.each(spec.rollout().maxParallel(), some, work, unreachable::put);
  }
}
