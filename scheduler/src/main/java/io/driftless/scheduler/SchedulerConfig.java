package io.driftless.scheduler;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the scheduler runs.
 *
 * @param threads worker threads, i.e. how many environments reconcile at once on this node
 * @param clustered several replicas share the Quartz tables (PostgreSQL); false for one node (H2)
 * @param checkinInterval how often a clustered node checks in; a node is declared dead after its
 *     last check-in plus this interval plus 7.5 seconds
 * @param defaultInterval the interval of an environment whose policy names none
 * @param maxRetries how many times a failed run is retried before waiting for the next trigger
 * @param retryBaseDelay the first retry's delay; each further retry doubles it
 * @param retryMaxDelay the longest delay between retries
 * @param busyRetryDelay how soon a request is fired again when another run holds the lock
 * @param instanceId this node's Quartz instance id, unique in the cluster; null for host-pid-start
 */
public record SchedulerConfig(
    int threads,
    boolean clustered,
    Duration checkinInterval,
    Duration defaultInterval,
    int maxRetries,
    Duration retryBaseDelay,
    Duration retryMaxDelay,
    Duration busyRetryDelay,
    String instanceId) {

  public static final int DEFAULT_THREADS = 10;

  /** Tells this process apart from an earlier one that had the same pid or instance id. */
  private static final String PROCESS =
      ProcessHandle.current().pid()
          + "-"
          + Long.toString(ManagementFactory.getRuntimeMXBean().getStartTime(), 36);

  public SchedulerConfig {
    if (threads < 1 || threads > 500) {
      throw new IllegalArgumentException("scheduler threads must be in [1, 500]: " + threads);
    }
    checkinInterval = positive(checkinInterval, Duration.ofSeconds(7), "checkinInterval");
    defaultInterval = positive(defaultInterval, Duration.ofMinutes(3), "defaultInterval");
    if (defaultInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("defaultInterval must be at least 1 second");
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
    }
    retryBaseDelay = positive(retryBaseDelay, Duration.ofSeconds(10), "retryBaseDelay");
    retryMaxDelay = positive(retryMaxDelay, Duration.ofMinutes(10), "retryMaxDelay");
    if (retryMaxDelay.compareTo(retryBaseDelay) < 0) {
      throw new IllegalArgumentException("retryMaxDelay must not be shorter than retryBaseDelay");
    }
    busyRetryDelay = positive(busyRetryDelay, Duration.ofSeconds(5), "busyRetryDelay");
    if (instanceId == null || instanceId.isBlank()) {
      instanceId = defaultInstanceId();
    } else if (instanceId.length() > 180) {
      // Quartz stores it in a VARCHAR(200) and derives fired-trigger ids from it.
      throw new IllegalArgumentException("instanceId must be at most 180 characters");
    }
  }

  /** One node on H2: 10 threads, 3-minute default interval, 5 retries from 10 s up to 10 min. */
  public static SchedulerConfig defaults() {
    return new SchedulerConfig(DEFAULT_THREADS, false, null, null, 5, null, null, null, null);
  }

  public SchedulerConfig withClustered(boolean clustered, Duration checkinInterval) {
    return edit(
        draft -> {
          draft.clustered = clustered;
          draft.checkinInterval = checkinInterval;
        });
  }

  public SchedulerConfig withThreads(int threads) {
    return edit(draft -> draft.threads = threads);
  }

  public SchedulerConfig withRetries(int maxRetries, Duration baseDelay, Duration maxDelay) {
    return edit(
        draft -> {
          draft.maxRetries = maxRetries;
          draft.retryBaseDelay = baseDelay;
          draft.retryMaxDelay = maxDelay;
        });
  }

  public SchedulerConfig withBusyRetryDelay(Duration busyRetryDelay) {
    return edit(draft -> draft.busyRetryDelay = busyRetryDelay);
  }

  public SchedulerConfig withInstanceId(String instanceId) {
    return edit(draft -> draft.instanceId = instanceId);
  }

  /** A copy of this configuration with the changes the with-methods make, validated again. */
  private SchedulerConfig edit(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** The one place that copies every component, so a new component is not forgotten by a with. */
  private static final class Draft {
    private int threads;
    private boolean clustered;
    private Duration checkinInterval;
    private Duration defaultInterval;
    private int maxRetries;
    private Duration retryBaseDelay;
    private Duration retryMaxDelay;
    private Duration busyRetryDelay;
    private String instanceId;

    private Draft(SchedulerConfig from) {
      threads = from.threads;
      clustered = from.clustered;
      checkinInterval = from.checkinInterval;
      defaultInterval = from.defaultInterval;
      maxRetries = from.maxRetries;
      retryBaseDelay = from.retryBaseDelay;
      retryMaxDelay = from.retryMaxDelay;
      busyRetryDelay = from.busyRetryDelay;
      instanceId = from.instanceId;
    }

    private SchedulerConfig build() {
      return new SchedulerConfig(
          threads,
          clustered,
          checkinInterval,
          defaultInterval,
          maxRetries,
          retryBaseDelay,
          retryMaxDelay,
          busyRetryDelay,
          instanceId);
    }
  }

  /**
   * This process's name in environment leases: the instance id, so that the cluster's check-ins
   * tell whether a holder lives, and a mark of this process, so that a node restarted with a fixed
   * instance id knows the leases of its previous process from its own.
   */
  public String leaseOwner() {
    return instanceId + "#" + PROCESS;
  }

  /** The instance id part of a lease owner; the whole owner when it names no instance. */
  static String instanceOfLeaseOwner(String owner) {
    int mark = owner.lastIndexOf('#');
    return mark < 0 ? owner : owner.substring(0, mark);
  }

  /** The delay before retry number {@code attempt} (1-based): base doubled per attempt, capped. */
  public Duration retryDelay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt is 1-based: " + attempt);
    }
    Duration delay = retryBaseDelay;
    for (int i = 1; i < attempt && delay.compareTo(retryMaxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(retryMaxDelay) > 0 ? retryMaxDelay : delay;
  }

  private static Duration positive(Duration value, Duration fallback, String name) {
    Duration d = value == null ? fallback : value;
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }

  private static String defaultInstanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    host = host.length() > 120 ? host.substring(0, 120) : host;
    // The start time tells apart a restarted node that got the same pid (pid 1 in containers).
    long started = ManagementFactory.getRuntimeMXBean().getStartTime();
    return host + "-" + ProcessHandle.current().pid() + "-" + Long.toString(started, 36);
  }
}
