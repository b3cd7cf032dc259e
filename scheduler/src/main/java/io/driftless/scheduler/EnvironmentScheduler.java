package io.driftless.scheduler;

import io.driftless.engine.DaemonThreads;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.SyncPolicy.SyncWindow;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.reconcile.SyncDecision;
import io.driftless.engine.reconcile.UnknownEnvironmentException;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.simpl.SimpleJobFactory;
import org.quartz.spi.JobFactory;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns time and events into runs: Quartz with its JDBC job store in the application's database,
 * one durable job per environment. What the server calls: {@link #schedule} when an environment is
 * registered or changed, {@link #unschedule} when it is deleted, {@link #request} for webhook, API,
 * rollback and retry runs. Open it, then {@link #start()} it; close it to stop.
 */
public final class EnvironmentScheduler implements RunRequests, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentScheduler.class);

  /** All nodes of a cluster share this Quartz scheduler name (the SCHED_NAME column). */
  public static final String NAME = "driftless";

  /** Triggers due longer ago than this count as misfired and follow their misfire policy. */
  static final long MISFIRE_THRESHOLD_MS = 15_000;

  /** How long an idle node waits before looking for triggers stored by other nodes. */
  static final long IDLE_WAIT_MS = 2_000;

  /**
   * Triggers due within this long of the first one are acquired and fired with it, in one
   * transaction under the cluster's trigger lock instead of one each: on PostgreSQL that lock is a
   * row lock every acquisition, fire and completion queues on, and one at a time 167 fires a second
   * (10,000 environments every 60 s) held it longer than a second per second. A check fires at most
   * this much before its phase.
   */
  static final long FIRE_AHEAD_MS = 1_000;

  /**
   * Misfired triggers moved on per transaction. Each transaction lists every misfired trigger under
   * the trigger lock, so Quartz's 20 made recovering 10,000 misfires (a restart after downtime)
   * quadratic and starved the firing meanwhile.
   */
  static final int MISFIRES_AT_A_TIME = 200;

  /** How often PostgreSQL's statistics of Quartz's tables are refreshed while the node runs. */
  static final Duration STATISTICS_EVERY = Duration.ofMinutes(5);

  private static final AtomicInteger DATA_SOURCES = new AtomicInteger();

  private final SchedulerConfig config;
  private final SchedulerPorts ports;
  private final Clock clock;
  private final PrometheusRegistry registry;
  private final Scheduler quartz;
  private final EnvironmentTriggers triggers;
  private final RunDispatcher dispatcher;
  private final GaugeWithCallback queueDepth;
  private final AbandonedLeases abandonedLeases;
  private final DataSource dataSource;
  private final QuartzTables.Dialect dialect;
  private ScheduledExecutorService statistics;

  private EnvironmentScheduler(
      SchedulerConfig config,
      SchedulerPorts ports,
      Clock clock,
      PrometheusRegistry registry,
      Scheduler quartz,
      DataSource dataSource,
      QuartzTables.Dialect dialect)
      throws SchedulerException {
    this.config = config;
    this.ports = ports;
    this.clock = clock;
    this.registry = registry;
    this.quartz = quartz;
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.dispatcher = new RunDispatcher(config, ports, clock, registry);
    quartz.setJobFactory(new Jobs(dispatcher));
    this.triggers = new EnvironmentTriggers(quartz, config.defaultInterval());
    dispatcher.bind(triggers);
    this.abandonedLeases =
        ports.locks() == null ? null : new AbandonedLeases(config, dataSource, ports.locks());
    this.queueDepth =
        GaugeWithCallback.builder()
            .name("driftless_scheduler_queue_depth")
            .help("Triggers due but not yet running, across the cluster")
            .callback(
                callback -> {
                  long depth = QuartzTables.dueTriggers(dataSource, NAME);
                  if (depth >= 0) {
                    callback.call(depth);
                  }
                })
            .build();
    registry.register(queueDepth);
  }

  /**
   * Creates the Quartz tables if needed and prepares the scheduler, without starting it: jobs and
   * triggers can be stored before {@link #start()}.
   *
   * @param dataSource the application's pool; Quartz borrows up to {@code threads + 3} connections
   * @param registry where the scheduler's metrics go, usually {@link
   *     PrometheusRegistry#defaultRegistry}
   * @throws IllegalArgumentException when clustering is asked of a database other than PostgreSQL
   */
  public static EnvironmentScheduler open(
      SchedulerConfig config,
      DataSource dataSource,
      SchedulerPorts ports,
      Clock clock,
      PrometheusRegistry registry) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(ports, "ports");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(registry, "registry");
    QuartzTables.Dialect dialect = QuartzTables.Dialect.of(dataSource);
    if (config.clustered() && dialect != QuartzTables.Dialect.POSTGRESQL) {
      throw new IllegalArgumentException("a clustered scheduler needs PostgreSQL");
    }
    try {
      if (SchedulerRepository.getInstance().lookup(NAME) != null) {
        // StdSchedulerFactory would hand back that instance instead of a new one.
        throw new IllegalStateException("a scheduler is already open in this process");
      }
      QuartzTables.migrate(dataSource);
      String dataSourceName = "driftless-" + DATA_SOURCES.incrementAndGet();
      DBConnectionManager.getInstance()
          .addConnectionProvider(dataSourceName, new DataSourceConnectionProvider(dataSource));
      Scheduler quartz =
          new StdSchedulerFactory(quartzProperties(config, dataSourceName, dialect)).getScheduler();
      return new EnvironmentScheduler(config, ports, clock, registry, quartz, dataSource, dialect);
    } catch (SchedulerException e) {
      throw new SchedulingException("cannot create the scheduler: " + e.getMessage(), e);
    }
  }

  static Properties quartzProperties(
      SchedulerConfig config, String dataSourceName, QuartzTables.Dialect dialect) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", NAME);
    p.setProperty("org.quartz.scheduler.instanceId", config.instanceId());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    // A node with nothing due sleeps this long; requests queued by another node wait for it.
    p.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(IDLE_WAIT_MS));
    // Fetch up to one trigger per free worker per round trip; with a lock so nodes do not race.
    p.setProperty(
        "org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(config.threads()));
    p.setProperty(
        "org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow",
        Long.toString(FIRE_AHEAD_MS));
    p.setProperty(
        "org.quartz.jobStore.maxMisfiresToHandleAtATime", Integer.toString(MISFIRES_AT_A_TIME));
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(config.threads()));
    p.setProperty("org.quartz.threadPool.threadNamePrefix", "driftless-scheduler");
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", dialect.delegate);
    p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    // Job data as string properties: nothing Java-serialized in the database.
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD_MS));
    p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(config.clustered()));
    p.setProperty(
        "org.quartz.jobStore.clusterCheckinInterval",
        Long.toString(config.checkinInterval().toMillis()));
    return p;
  }

  /**
   * Starts firing. On a single node, runs left RUNNING by the previous process are marked
   * interrupted and its environment leases broken first; Quartz then fires their jobs again, and
   * they find the environments free. In a cluster, Quartz's recovery of a dead node does the first,
   * and {@link AbandonedLeases} breaks the dead node's leases.
   */
  public void start() {
    if (!config.clustered()) {
      int marked =
          ports.interruptedRuns().interruptAllRunning("the server stopped while the run was going");
      if (marked > 0) {
        LOG.warn("{} run(s) left running by the previous process marked interrupted", marked);
      }
    }
    if (abandonedLeases != null) {
      abandonedLeases.start();
    }
    // Environments registered since open (or before autovacuum came by) count; then again every
    // few minutes as environments come and go.
    if (dialect == QuartzTables.Dialect.POSTGRESQL) {
      QuartzTables.analyze(dataSource);
      statistics = DaemonThreads.scheduler("driftless-quartz-statistics");
      long every = STATISTICS_EVERY.toMillis();
      statistics.scheduleWithFixedDelay(
          () -> QuartzTables.analyze(dataSource), every, every, TimeUnit.MILLISECONDS);
    }
    try {
      quartz.start();
    } catch (SchedulerException e) {
      throw new SchedulingException("cannot start the scheduler: " + e.getMessage(), e);
    }
    LOG.info(
        "scheduler {} started: {} threads, {}",
        config.instanceId(),
        config.threads(),
        config.clustered() ? "clustered" : "single node");
  }

  /** Registers or updates an environment's job and schedule from its sync policy. */
  public void schedule(Environment environment) {
    schedule(environment.name(), environment.sync());
  }

  /**
   * Registers or updates an environment's job and schedule. An unchanged schedule keeps its phase;
   * changed windows apply from the next fire.
   *
   * @throws IllegalArgumentException when a cron expression does not parse
   */
  public void schedule(EnvironmentName environment, SyncPolicy policy) {
    try {
      triggers.put(environment, policy);
    } catch (SchedulerException e) {
      throw new SchedulingException("cannot schedule " + environment + ": " + e.getMessage(), e);
    }
  }

  /** Removes an environment's job and all its triggers; false when it had none. */
  public boolean unschedule(EnvironmentName environment) {
    try {
      return triggers.remove(environment);
    } catch (SchedulerException e) {
      throw new SchedulingException("cannot unschedule " + environment + ": " + e.getMessage(), e);
    }
  }

  /**
   * Queues a run of a scheduled environment and returns it. A request joins a run of the same kind
   * (dry run, prune and force alike) that is still waiting for the environment, so a burst of
   * pushes gives one run; that run resolves the ref when it starts, so it reconciles the newest
   * revision, and an explicit newer revision replaces the waiting one. A new request supersedes
   * pending retries. Inside a closed sync window a manual request (API, rollback) is refused unless
   * {@code options.force()}, which is audited; automatic ones (webhook) wait for the window.
   *
   * @throws UnknownEnvironmentException when the environment is not scheduled
   * @throws SyncWindowClosedException when a manual request meets a closed window without force
   */
  public QueuedRun request(EnvironmentName environment, Trigger trigger, SyncOptions options) {
    return request(environment, trigger, options, null);
  }

  /**
   * As {@link #request(EnvironmentName, Trigger, SyncOptions)}, for a rollback that restores the
   * run {@code rollbackOf} of the same environment (null when it restores a revision no run
   * applied). A rollback never joins a waiting run: it gets its own, linked to the restored run.
   */
  public synchronized QueuedRun request(
      EnvironmentName environment, Trigger trigger, SyncOptions options, RunId rollbackOf) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(trigger, "trigger");
    SyncOptions requested = options == null ? SyncOptions.defaults() : options;
    try {
      JobDetail job = quartz.getJobDetail(EnvironmentTriggers.jobKey(environment));
      if (job == null) {
        throw new UnknownEnvironmentException("environment", environment.value());
      }
      List<SyncWindow> windows =
          Firing.decodeWindows(job.getJobDataMap().getString(Firing.WINDOWS));
      Instant now = clock.instant();
      boolean closed = !dispatcher.windows().allows(windows, now);
      if (closed
          && SyncDecision.inClosedWindow(trigger.type(), requested)
              == SyncDecision.Verdict.REFUSE) {
        throw new SyncWindowClosedException(
            environment, dispatcher.windows().nextAllowed(windows, now).orElse(null));
      }
      boolean rollback =
          trigger.type() == TriggerType.ROLLBACK || trigger.type() == TriggerType.AUTO_ROLLBACK;
      QueuedRun queued = rollback ? null : coalesce(environment, requested);
      if (queued == null) {
        triggers.cancelRetries(environment, "");
        RunId run = ports.runs().create(environment, trigger, now, rollbackOf);
        triggers.request(environment, run, trigger, requested);
        queued = new QueuedRun(run, false);
      }
      if (closed && requested.force()) {
        ports
            .auditor()
            .windowOverridden(
                new Auditor.WindowOverride(
                    environment, queued.run(), trigger.actor(), trigger.reason(), now));
      }
      return queued;
    } catch (SchedulerException e) {
      throw new SchedulingException(
          "cannot queue a run of " + environment + ": " + e.getMessage(), e);
    }
  }

  private QueuedRun coalesce(EnvironmentName environment, SyncOptions options)
      throws SchedulerException {
    org.quartz.Trigger waiting = triggers.waitingRequest(environment, options);
    if (waiting == null) {
      return null;
    }
    RunId run = Firing.runOf(waiting.getJobDataMap());
    String revision = options.revision();
    String waitingRevision = Firing.optionsOf(waiting.getJobDataMap()).revision();
    if (revision == null
        || revision.equals(waitingRevision)
        || triggers.updateRevision(waiting, revision)) {
      return new QueuedRun(run, true);
    }
    return null;
  }

  /** The environments that have a job, across the cluster. */
  public Set<EnvironmentName> scheduled() {
    try {
      Set<EnvironmentName> names =
          new TreeSet<>(java.util.Comparator.comparing(EnvironmentName::value));
      for (JobKey key :
          quartz.getJobKeys(GroupMatcher.jobGroupEquals(EnvironmentTriggers.JOB_GROUP))) {
        names.add(EnvironmentName.of(key.getName()));
      }
      return names;
    } catch (SchedulerException e) {
      throw new SchedulingException("cannot list scheduled environments: " + e.getMessage(), e);
    }
  }

  /** Group names of the environment's triggers that have not fired; for tests. */
  List<String> pendingTriggers(EnvironmentName environment) {
    try {
      List<String> groups = new java.util.ArrayList<>();
      for (org.quartz.Trigger t :
          quartz.getTriggersOfJob(EnvironmentTriggers.jobKey(environment))) {
        if (quartz.getTriggerState(t.getKey()) != org.quartz.Trigger.TriggerState.COMPLETE) {
          groups.add(t.getKey().getGroup());
        }
      }
      java.util.Collections.sort(groups);
      return groups;
    } catch (SchedulerException e) {
      throw new SchedulingException(e.getMessage(), e);
    }
  }

  /** This node's Quartz instance id. */
  public String instanceId() {
    return config.instanceId();
  }

  /** Sync window decisions on the scheduler's clock, e.g. for the API to show when syncs open. */
  public SyncWindows windows() {
    return dispatcher.windows();
  }

  /** Stops firing and waits for running jobs to finish. */
  @Override
  public void close() {
    try {
      if (abandonedLeases != null) {
        abandonedLeases.close();
      }
      if (statistics != null) {
        statistics.shutdownNow();
      }
      quartz.shutdown(true);
    } catch (SchedulerException e) {
      LOG.warn("scheduler shutdown failed: {}", e.toString());
    } finally {
      registry.unregister(queueDepth);
      dispatcher.unregister(registry);
    }
  }

  /** Triggers due now and not running (waiting, acquired or blocked behind a running job). */
  /** Builds environment jobs with the dispatcher; any other job class the Quartz way. */
  private static final class Jobs implements JobFactory {
    private final RunDispatcher dispatcher;
    private final SimpleJobFactory fallback = new SimpleJobFactory();

    Jobs(RunDispatcher dispatcher) {
      this.dispatcher = dispatcher;
    }

    @Override
    public org.quartz.Job newJob(org.quartz.spi.TriggerFiredBundle bundle, Scheduler scheduler)
        throws SchedulerException {
      if (bundle.getJobDetail().getJobClass() == EnvironmentJob.class) {
        return new EnvironmentJob(dispatcher);
      }
      return fallback.newJob(bundle, scheduler);
    }
  }
}
