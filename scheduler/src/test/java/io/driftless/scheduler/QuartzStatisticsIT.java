package io.driftless.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.SyncPolicy.Schedule;
import io.driftless.scheduler.testing.RecordingReconciler;
import io.driftless.scheduler.testing.TestDatabases;
import io.driftless.scheduler.testing.TestRuns;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, a started scheduler finds a trigger by its key through an index on the key, not by
 * reading every trigger of its group, however the environments came into a new database: the lookup
 * Quartz makes a dozen times per fire under its trigger lock.
 */
class QuartzStatisticsIT {
  private String baseUrl;
  private String url;
  private HikariDataSource dataSource;

  @BeforeEach
  void schema() throws Exception {
    baseUrl = TestDatabases.postgresUrl();
    url = TestDatabases.newSchema(baseUrl, "sched_stats");
    dataSource = TestDatabases.pool(url, 12);
    RecordingReconciler.createTable(dataSource);
  }

  @AfterEach
  void cleanUp() {
    if (dataSource != null) {
      dataSource.close();
      TestDatabases.dropSchema(baseUrl, url);
    }
  }

  @Test
  void aTriggerIsFoundByItsKeyAfterManyEnvironmentsAreRegistered() throws Exception {
    RecordingReconciler recorder = new RecordingReconciler(dataSource, "stats");
    SyncPolicy hourly =
        new SyncPolicy(
            true, false, false, false, new Schedule.Interval(Duration.ofHours(1)), List.of());
    try (EnvironmentScheduler scheduler =
        EnvironmentScheduler.open(
            SchedulerConfig.defaults().withClustered(true, null).withInstanceId("stats-node"),
            dataSource,
            new SchedulerPorts(recorder, new TestRuns(), recorder, null),
            Clock.systemUTC(),
            new PrometheusRegistry())) {
      for (int i = 0; i < 2_000; i++) {
        scheduler.schedule(EnvironmentName.of("env-" + i), hourly);
      }
      scheduler.start();

      // Unanalyzed: "Index Cond: sched_name, trigger_group; Filter: trigger_name" over every row.
      assertThat(planOfLookup())
          .as("plan of a trigger lookup by key")
          .containsPattern("Index Cond: .*trigger_name")
          .doesNotContain("Filter:");
    }
  }

  private String planOfLookup() throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "EXPLAIN SELECT TRIGGER_NAME FROM QRTZ_TRIGGERS WHERE SCHED_NAME = 'driftless'"
                    + " AND TRIGGER_NAME = 'env-1234' AND TRIGGER_GROUP = 'schedule'")) {
      StringBuilder plan = new StringBuilder();
      while (r.next()) {
        plan.append(r.getString(1)).append('\n');
      }
      return plan.toString();
    }
  }
}
