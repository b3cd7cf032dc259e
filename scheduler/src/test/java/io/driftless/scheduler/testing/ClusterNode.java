package io.driftless.scheduler.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.scheduler.EnvironmentScheduler;
import io.driftless.scheduler.SchedulerConfig;
import io.driftless.scheduler.SchedulerPorts;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A second scheduler node in its own JVM (two schedulers in one process would share one Quartz
 * instance). Args: JDBC URL, instance id, and optionally an environment name whose reconciles hold
 * for a minute, so the test can kill the node mid-run.
 */
public final class ClusterNode {
  public static final String READY = "cluster node ready";

  private ClusterNode() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String instance = args[1];
    String slow = args.length > 2 ? args[2] : "";
    HikariDataSource dataSource = TestDatabases.pool(url, 12);
    EnvironmentScheduler scheduler = open(dataSource, instance, slow);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  scheduler.close();
                  dataSource.close();
                }));
    scheduler.start();
    System.out.println(READY);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** A clustered node with a recording reconciler, as both JVMs of the cluster test run it. */
  public static EnvironmentScheduler open(
      HikariDataSource dataSource, String instance, String slow) {
    return open(dataSource, instance, slow, null);
  }

  /** As {@link #open(HikariDataSource, String, String)}, breaking dead nodes' leases in locks. */
  public static EnvironmentScheduler open(
      HikariDataSource dataSource, String instance, String slow, EnvironmentLocks locks) {
    RecordingReconciler recorder =
        new RecordingReconciler(dataSource, instance)
            .holding(
                name -> name.value().equals(slow) ? Duration.ofMinutes(1) : Duration.ofMillis(100));
    SchedulerConfig config =
        SchedulerConfig.defaults()
            .withThreads(8)
            .withClustered(true, Duration.ofSeconds(1))
            .withInstanceId(instance);
    // Ids apart per node, so runs created by either do not collide in the record table.
    long firstRunId =
        instance.hashCode() == 0 ? 1 : Math.abs((long) instance.hashCode()) % 1000 * 1_000_000 + 1;
    return EnvironmentScheduler.open(
        config,
        dataSource,
        new SchedulerPorts(recorder, new TestRuns(firstRunId), recorder, null, locks),
        Clock.systemUTC(),
        new PrometheusRegistry());
  }

  static List<EnvironmentName> names(String prefix, int count) {
    List<EnvironmentName> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(EnvironmentName.of(prefix + "-" + i));
    }
    return names;
  }
}
