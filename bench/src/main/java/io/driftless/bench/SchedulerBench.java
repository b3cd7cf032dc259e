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
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.jgit.JGitMirror;
import io.driftless.engine.port.memory.MemoryStore;
import io.driftless.engine.reconcile.ReconcileOutcome;
import io.driftless.engine.reconcile.ReconcileRequest;
import io.driftless.engine.reconcile.Reconciler;
import io.driftless.scheduler.EnvironmentScheduler;
import io.driftless.scheduler.SchedulerConfig;
import io.driftless.scheduler.SchedulerPorts;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Steady state of the scheduler with the real engine: many environments on one interval, nothing
 * changing in Git or on disk. Measures the process's CPU, its heap after a full GC and the cost of
 * a no-op reconcile as the scheduler calls it.
 */
public final class SchedulerBench {

  public static void main(String[] args) throws Exception {
    int environments = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Duration interval = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
    Duration measure = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 300);
    String jdbcUrl = args.length > 3 && !args[3].isBlank() ? args[3] : null;
    Path work = Files.createTempDirectory("driftless-scheduler-bench");
    try {
      new SchedulerBench().run(environments, interval, measure, jdbcUrl, work);
    } finally {
      deleteTree(work);
    }
  }

  private void run(int count, Duration interval, Duration measure, String jdbcUrl, Path work)
      throws Exception {
    System.out.printf(
        "Scheduler benchmark: %,d environments every %ds, measured over %ds after one interval"
            + " of warm-up, %s%n",
        count,
        interval.toSeconds(),
        measure.toSeconds(),
        jdbcUrl == null
            ? "H2 file database"
            : jdbcUrl.replaceAll("password=[^&]*", "password=***"));
    System.out.printf("Machine: %s%n", Machine.describe());

    Path repo = work.resolve("repo");
    Path targets = work.resolve("targets");
    createRepository(repo, count);
    Clock clock = Clock.systemUTC();
    MemoryStore store = new MemoryStore(clock);
    GitReader git = new JGitMirror(work.resolve("git"), Duration.ofSeconds(60)).reader();
    Reconciler reconciler = EngineBench.reconciler(git, store, targets, clock, Math.max(16, count));
    store.put(Source.of(SourceName.of("bench"), repo.toUri().toString()));
    List<EnvironmentName> names = new ArrayList<>();
    SyncPolicy policy =
        new SyncPolicy(true, true, false, false, new SyncPolicy.Schedule.Interval(interval), null);
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      EnvironmentName name = EnvironmentName.of("env-" + i);
      names.add(name);
      store.put(
          new Environment(
              name,
              SourceName.of("bench"),
              "main",
              "envs/" + i,
              null,
              null,
              TargetSpec.Directory.at(targets.resolve(name.value())),
              policy,
              null));
      RunStatus first = reconciler.reconcile(ReconcileRequest.scheduled(name)).result().status();
      if (first != RunStatus.SUCCEEDED) {
        throw new IllegalStateException(name + " first sync ended " + first);
      }
    }
    System.out.printf(
        "First sync of every environment (not measured): %.1f s%n", (System.nanoTime() - t0) / 1e9);

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
      for (EnvironmentName name : names) {
        scheduler.schedule(name, policy);
      }
      scheduler.start();
      Thread.sleep(interval.toMillis());

      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      measuring.set(true);
      Thread.sleep(measure.toMillis());
      measuring.set(false);
      long cpu = os.getProcessCpuTime() - cpu0;
      long wall = System.nanoTime() - wall0;

      System.gc();
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

      List<Long> sorted = new ArrayList<>(noopNanos);
      Collections.sort(sorted);
      double expected = count * (double) measure.toMillis() / interval.toMillis();
      System.out.printf(
          "%nReconciles while measuring: %s (expected about %.0f)%n", statuses, expected);
      System.out.printf("| measure | result | goal |%n|---|---|---|%n");
      System.out.printf("| process CPU | %.3f cores | under 0.2 |%n", cpu / (double) wall);
      System.out.printf("| heap after GC | %d MiB | under 512 MiB |%n", heap / (1024 * 1024));
      System.out.printf(
          "| no-op reconcile, median (p95) | %.2f ms (%.2f ms) | under 5 ms |%n",
          percentile(sorted, 0.5), percentile(sorted, 0.95));
    } finally {
      reconciler.close();
    }
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
          Files.writeString(file, "environment " + i + " file " + f + "\n".repeat(20));
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

  private static void deleteTree(Path root) throws IOException {
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
