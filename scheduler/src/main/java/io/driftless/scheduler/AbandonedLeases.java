package io.driftless.scheduler;

import io.driftless.engine.DaemonThreads;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.port.EnvironmentLocks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Breaks the environment leases of processes that are gone, so that a crash costs seconds rather
 * than a lease TTL. A single node breaks, when it starts, every lease but its own: whoever held one
 * was a previous process of this node. A clustered node breaks, at start and then every check-in
 * interval, the leases of the nodes Quartz declares dead (no check-in for their interval plus 7.5
 * s) or has already recovered, and those of an earlier process that had this node's instance id.
 */
final class AbandonedLeases implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AbandonedLeases.class);

  /** Quartz's margin past a node's check-in interval before it counts as failed. */
  static final long QUARTZ_GRACE_MS = 7_500;

  private final SchedulerConfig config;
  private final DataSource dataSource;
  private final EnvironmentLocks locks;
  private ScheduledExecutorService sweeps;

  AbandonedLeases(SchedulerConfig config, DataSource dataSource, EnvironmentLocks locks) {
    this.config = config;
    this.dataSource = dataSource;
    this.locks = locks;
  }

  /** Breaks what the previous process left; in a cluster, keeps sweeping until closed. */
  void start() {
    if (!config.clustered()) {
      report(locks.breakAbandoned(config.leaseOwner()::equals), "a previous process");
      return;
    }
    sweep();
    sweeps = DaemonThreads.scheduler("driftless-abandoned-leases");
    long every = config.checkinInterval().toMillis();
    sweeps.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  /** One pass of the clustered rule; a database that cannot answer now is asked next time. */
  void sweep() {
    try {
      // Quartz writes check-in times with the system clock, so they are judged by it too.
      Predicate<String> alive =
          alive(
              QuartzTables.checkins(dataSource, EnvironmentScheduler.NAME),
              System.currentTimeMillis());
      report(locks.breakAbandoned(alive), "a node the cluster declared dead");
    } catch (RuntimeException e) {
      LOG.warn("cannot look for abandoned leases: {}", e.toString());
    }
  }

  /**
   * Whether a lease owner still lives, from the cluster's check-ins: this process, or a node other
   * than this one whose last check-in is recent by Quartz's rule (JobStoreSupport's
   * calcFailedIfAfter: its interval, or longer when this node itself has not checked in for longer,
   * so a stall of this node does not condemn the others).
   */
  Predicate<String> alive(Map<String, Checkin> checkins, long nowMs) {
    String self = config.instanceId();
    Checkin own = checkins.get(self);
    long sinceOwn = own == null ? 0 : Math.max(0, nowMs - own.lastMs());
    return owner -> {
      if (owner.equals(config.leaseOwner())) {
        return true;
      }
      String instance = SchedulerConfig.instanceOfLeaseOwner(owner);
      Checkin checkin = checkins.get(instance);
      if (instance.equals(self) || checkin == null) {
        return false;
      }
      long failedAfter =
          checkin.lastMs() + Math.max(checkin.intervalMs(), sinceOwn) + QUARTZ_GRACE_MS;
      return failedAfter >= nowMs;
    };
  }

  /** A node's last check-in as Quartz recorded it. */
  record Checkin(long lastMs, long intervalMs) {}

  private static void report(List<EnvironmentName> broken, String holder) {
    if (!broken.isEmpty()) {
      LOG.warn("broke {} lease(s) held by {}: {}", broken.size(), holder, broken);
    }
  }

  @Override
  public void close() {
    if (sweeps != null) {
      sweeps.shutdownNow();
    }
  }
}
