package io.driftless.engine.reconcile;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.EnvironmentLocks.Lease;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step: the lock of one environment for the length of a reconcile, renewed by a heartbeat every
 * third of its TTL and released on close. A lease lost to another owner is kept: writes made under
 * it are then refused by the store (fencing).
 */
final class HeldLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeldLease.class);

  private final EnvironmentLocks locks;
  private final Duration ttl;
  private final AtomicReference<Lease> held;
  private final ScheduledFuture<?> heartbeat;

  private HeldLease(
      EnvironmentLocks locks, Lease lease, Duration ttl, ScheduledExecutorService heartbeats) {
    this.locks = locks;
    this.ttl = ttl;
    this.held = new AtomicReference<>(lease);
    long every = Math.max(1, ttl.toMillis() / 3);
    this.heartbeat =
        heartbeats.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * @throws EnvironmentBusyException when another run holds the environment's lock
   */
  static HeldLease acquire(
      EnvironmentLocks locks,
      EnvironmentName environment,
      Reconciler.Settings settings,
      ScheduledExecutorService heartbeats) {
    Lease lease =
        locks
            .tryAcquire(environment, settings.owner(), settings.leaseTtl())
            .orElseThrow(() -> new EnvironmentBusyException(environment));
    return new HeldLease(locks, lease, settings.leaseTtl(), heartbeats);
  }

  /** The lease to write under now: the latest renewal. */
  Lease current() {
    return held.get();
  }

  private void renew() {
    Lease lease = held.get();
    try {
      Optional<Lease> renewed = locks.renew(lease, ttl);
      if (renewed.isEmpty()) {
        LOG.warn(
            "lost the lock of environment {} (lease {}); its remaining writes will be refused",
            lease.environment(),
            lease.id());
      }
      renewed.ifPresent(held::set);
    } catch (RuntimeException e) {
      LOG.warn("could not renew the lock of environment {}: {}", lease.environment(), e.toString());
    }
  }

  @Override
  public void close() {
    heartbeat.cancel(false);
    locks.release(held.get());
  }
}
