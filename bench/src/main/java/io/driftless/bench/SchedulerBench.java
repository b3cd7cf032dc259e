package io.driftless.bench;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.git.jgit.JGitMirror;
import io.driftless.engine.port.memory.MemoryStore;
import io.driftless.engine.reconcile.ReconcileOutcome;
import io.driftless.engine.reconcile.ReconcileRequest;
import io.driftless.engine.reconcile.Reconciler;
import io.driftless.engine.testing.GitDaemon;
import io.driftless.scheduler.EnvironmentScheduler;
import io.driftless.scheduler.SchedulerConfig;
import io.driftless.scheduler.SchedulerPorts;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Steady state of the scheduler with the real engine: many environments on one interval, nothing
 * changing in Git or on disk. {@code sources} Git repositories, each with {@code perSource}
 * environments (ten small files each), served over {@code git://} by {@code git daemon} (or read as
 * {@code file://}). Measures the process's CPU, its heap after a full GC, the cost of a no-op
 * reconcile as the scheduler calls it, and how many remote checks each source got per interval.
 *
 * <p>Replicas: {@code replicas} processes clustered on one PostgreSQL database. One registers the
 * environments ({@code register}); the others {@code join}: they do not register them again but
 * wait until they are all in the shared scheduler. Each process has its own engine (in-memory
 * ports, mirror, targets), synced once before it starts firing; each measures from one interval
 * after all the replicas checked in, so their windows overlap.
 */
public final class SchedulerBench {
  private final int sources;
  private final int perSource;
  private final Duration interval;
  private final Duration measure;
  private final boolean daemon;
  private final String jdbcUrl;
  private final int replicas;
  private final boolean join;
  private final Path work;

  private SchedulerBench(
      int sources,
      int perSource,
      Duration interval,
      Duration measure,
      boolean daemon,
      String jdbcUrl,
      int replicas,
      boolean join,
      Path work) {
    if ((replicas > 1 || join) && jdbcUrl == null) {
      throw new IllegalArgumentException("replicas share a PostgreSQL database: pass its URL");
    }
    this.sources = sources;
    this.perSource = perSource;
    this.interval = interval;
    this.measure = measure;
    this.daemon = daemon;
    this.jdbcUrl = jdbcUrl;
    this.replicas = replicas;
    this.join = join;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    int sources = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int perSource = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Duration interval = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 60);
    Duration measure = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 120);
    boolean daemon = args.length <= 4 || !args[4].equals("file");
    String jdbcUrl = args.length > 5 && !args[5].isBlank() ? args[5] : null;
    int replicas = args.length > 6 ? Integer.parseInt(args[6]) : 1;
    boolean join = args.length > 7 && args[7].equals("join");
    Path work = Files.createTempDirectory("driftless-scheduler-bench");
    try {
      new SchedulerBench(
              sources, perSource, interval, measure, daemon, jdbcUrl, replicas, join, work)
          .run();
    } finally {
      deleteTree(work);
    }
  }

  private void run() throws Exception {
    int count = sources * perSource;
    System.out.printf(
        "Scheduler benchmark: %,d environments (%d sources x %d) every %ds, over %s, measured"
            + " over %ds after one interval of warm-up, %s%n",
        count,
        sources,
        perSource,
        interval.toSeconds(),
        daemon ? "git:// (git daemon)" : "file://",
        measure.toSeconds(),
        jdbcUrl == null
            ? "H2 file database"
            : jdbcUrl.replaceAll("password=[^&]*", "password=***")
                + (replicas > 1 ? ", one of " + replicas + " replicas" : "")
                + (join ? ", joining" : ""));
    System.out.printf("Machine: %s%n", Machine.describe());

    Path repos = work.resolve("repos");
    Path targets = work.resolve("targets");
    long t0 = System.nanoTime();
    for (int s = 0; s < sources; s++) {
      createRepository(repos.resolve("source-" + s), perSource);
    }
    System.out.printf(
        "Created %d repositories (not measured): %.1f s%n",
        sources, (System.nanoTime() - t0) / 1e9);
    if (!daemon) {
      run(name -> repos.resolve(name).toUri().toString(), targets, count);
      return;
    }
    try (GitDaemon server = GitDaemon.serve(repos)) {
      run(server::url, targets, count);
    }
  }

  private void run(UnaryOperator<String> urls, Path targets, int count) throws Exception {
    Clock clock = Clock.systemUTC();
    MemoryStore store = new MemoryStore(clock);
    JGitMirror mirror = new JGitMirror(work.resolve("git"), Duration.ofSeconds(60));
    Reconciler reconciler =
        EngineBench.reconciler(mirror.reader(), store, targets, clock, Math.max(16, count));
    SyncPolicy policy =
        new SyncPolicy(true, true, false, false, new SyncPolicy.Schedule.Interval(interval), null);
    List<EnvironmentName> names = new ArrayList<>();
    for (int s = 0; s < sources; s++) {
      SourceName source = SourceName.of("source-" + s);
      store.put(Source.of(source, urls.apply(source.value())));
      for (int e = 0; e < perSource; e++) {
        EnvironmentName name = EnvironmentName.of("env-" + s + "-" + e);
        names.add(name);
        store.put(
            new Environment(
                name,
                source,
                "main",
                "envs/" + e,
                null,
                null,
                TargetSpec.Directory.at(targets.resolve(name.value())),
                policy,
                null));
      }
    }
    firstSync(reconciler, names);

    AtomicBoolean measuring = new AtomicBoolean();
    ConcurrentLinkedQueue<Long> noopNanos = new ConcurrentLinkedQueue<>();
    ConcurrentHashMap<RunStatus, AtomicLong> statuses = new ConcurrentHashMap<>();
    try (HikariDataSource dataSource = pool(jdbcUrl, work);
        EnvironmentScheduler scheduler =
            EnvironmentScheduler.open(
                SchedulerConfig.defaults().withClustered(jdbcUrl != null, null),
                dataSource,
                new SchedulerPorts(
                    request -> {
                      long start = System.nanoTime();
                      ReconcileOutcome outcome = reconciler.reconcile(request);
                      long took = System.nanoTime() - start;
                      if (measuring.get()) {
                        statuses
                            .computeIfAbsent(outcome.result().status(), s -> new AtomicLong())
                            .incrementAndGet();
                        if (outcome.result().status() == RunStatus.NO_OP) {
                          noopNanos.add(took);
                        }
                      }
                      return outcome;
                    },
                    store,
                    null,
                    null),
                clock,
                new PrometheusRegistry())) {
      long t0 = System.nanoTime();
      if (join) {
        awaitScheduled(scheduler, count);
      } else {
        for (EnvironmentName name : names) {
          scheduler.schedule(name, policy);
        }
      }
      System.out.printf(
          "%s %,d environments (not measured): %.1f s%n",
          join ? "Waited for the other replica to register" : "Registered",
          count,
          (System.nanoTime() - t0) / 1e9);
      scheduler.start();
      awaitReplicas(dataSource);
      Thread.sleep(interval.toMillis());

      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long checks0 = mirror.remoteCheckCount();
      long fetches0 = mirror.fetchCount();
      long cpu0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      Instant from = Instant.now();
      measuring.set(true);
      Thread.sleep(measure.toMillis());
      measuring.set(false);
      Instant to = Instant.now();
      long cpu = os.getProcessCpuTime() - cpu0;
      long wall = System.nanoTime() - wall0;
      long checks = mirror.remoteCheckCount() - checks0;
      long fetches = mirror.fetchCount() - fetches0;

      System.gc();
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

      List<Long> sorted = new ArrayList<>(noopNanos);
      Collections.sort(sorted);
      double intervals = measure.toMillis() / (double) interval.toMillis();
      System.out.printf("%nInstance %s measured from %s to %s%n", scheduler.instanceId(), from, to);
      System.out.printf(
          "Reconciles while measuring: %s (expected about %.0f%s)%n",
          statuses, count * intervals, replicas > 1 ? " across the replicas" : "");
      System.out.printf("| measure | result | goal |%n|---|---|---|%n");
      System.out.printf("| process CPU | %.3f cores | under 0.5 |%n", cpu / (double) wall);
      System.out.printf("| heap after GC | %d MiB | under 512 MiB |%n", heap / (1024 * 1024));
      System.out.printf(
          "| no-op reconcile, median (p95) | %.2f ms (%.2f ms) | |%n",
          percentile(sorted, 0.5), percentile(sorted, 0.95));
      System.out.printf(
          "| remote checks per source per interval | %.2f (%d checks, %d fetches) | 1 |%n",
          checks / (sources * intervals), checks, fetches);
    } finally {
      reconciler.close();
      mirror.close();
    }
  }

  /** Waits until the replica that registers the environments has stored all their jobs. */
  private static void awaitScheduled(EnvironmentScheduler scheduler, int count)
      throws InterruptedException {
    while (scheduler.scheduled().size() < count) {
      Thread.sleep(1_000);
    }
  }

  /** Waits until every replica has checked in to the cluster (a no-op for one process). */
  private void awaitReplicas(DataSource dataSource) throws Exception {
    if (replicas <= 1) {
      return;
    }
    String sql = "SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?";
    while (true) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, EnvironmentScheduler.NAME);
        try (ResultSet r = s.executeQuery()) {
          if (r.next() && r.getInt(1) >= replicas) {
            System.out.printf("All %d replicas checked in at %s%n", replicas, Instant.now());
            return;
          }
        }
      }
      Thread.sleep(200);
    }
  }

  /** Syncs every environment once, a few at a time, as scheduled checks (not measured). */
  private static void firstSync(Reconciler reconciler, List<EnvironmentName> names)
      throws Exception {
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<RunStatus>> results = new ArrayList<>();
      for (EnvironmentName name : names) {
        results.add(
            pool.submit(
                () -> reconciler.reconcile(ReconcileRequest.scheduled(name)).result().status()));
      }
      for (int i = 0; i < names.size(); i++) {
        RunStatus first = results.get(i).get();
        if (first != RunStatus.SUCCEEDED) {
          throw new IllegalStateException(names.get(i) + " first sync ended " + first);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        "First sync of every environment (not measured): %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  private static HikariDataSource pool(String jdbcUrl, Path work) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(
        jdbcUrl != null
            ? jdbcUrl
            : "jdbc:h2:file:"
                + work.resolve("db").resolve("driftless")
                + ";DB_CLOSE_ON_EXIT=FALSE");
    config.setMaximumPoolSize(16);
    config.setMinimumIdle(2);
    return new HikariDataSource(config);
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
  }

  /** One commit with ten small files under {@code envs/<i>} per environment. */
  private static void createRepository(Path repo, int count) throws Exception {
    Files.createDirectories(repo);
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      for (int i = 0; i < count; i++) {
        for (int f = 0; f < 10; f++) {
          Path file = repo.resolve("envs/" + i + "/conf-" + f + ".txt");
          Files.createDirectories(file.getParent());
          Files.writeString(
              file, repo.getFileName() + " environment " + i + " file " + f + "\n".repeat(20));
        }
      }
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("bench", "bench@example.com");
      git.commit()
          .setMessage("environments")
          .setAuthor(who)
          .setCommitter(who)
          .setSign(false)
          .call();
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
