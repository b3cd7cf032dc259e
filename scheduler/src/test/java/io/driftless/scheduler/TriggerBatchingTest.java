package io.driftless.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.driftless.scheduler.testing.TestDatabases;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.spi.OperableTrigger;
import org.quartz.utils.DBConnectionManager;

/**
 * Real Quartz with the scheduler's own properties: triggers due close together are acquired and
 * fired in a few transactions under the trigger lock, not one each. On PostgreSQL that lock is a
 * row lock, and one acquisition and one fire per trigger could not keep up with 10,000
 * environments.
 */
class TriggerBatchingTest {
  static final AtomicInteger FIRED = new AtomicInteger();
  static final AtomicInteger ACQUISITIONS = new AtomicInteger();

  private HikariDataSource dataSource;
  private Scheduler quartz;

  @BeforeEach
  void open() throws Exception {
    FIRED.set(0);
    ACQUISITIONS.set(0);
    dataSource = TestDatabases.h2Memory();
    QuartzTables.migrate(dataSource);
    String name = "batching-" + System.nanoTime();
    DBConnectionManager.getInstance()
        .addConnectionProvider(name, new DataSourceConnectionProvider(dataSource));
    Properties p =
        EnvironmentScheduler.quartzProperties(
            SchedulerConfig.defaults().withInstanceId("batching"), name, QuartzTables.Dialect.H2);
    p.setProperty("org.quartz.scheduler.instanceName", name);
    p.setProperty("org.quartz.jobStore.class", CountingJobStore.class.getName());
    quartz = new StdSchedulerFactory(p).getScheduler();
  }

  @AfterEach
  void close() throws Exception {
    quartz.shutdown(true);
    dataSource.close();
  }

  @Test
  void twentyTriggersDueWithinASecondAreAcquiredInAFewTransactions() throws Exception {
    long base = System.currentTimeMillis() + 1_500;
    for (int i = 0; i < 20; i++) {
      quartz.scheduleJob(
          JobBuilder.newJob(CountingJob.class).withIdentity("job-" + i).build(),
          TriggerBuilder.newTrigger()
              .withIdentity("trigger-" + i)
              .startAt(new Date(base + i * 40L))
              .build());
    }
    quartz.start();

    await().atMost(Duration.ofSeconds(30)).until(() -> FIRED.get() == 20);
    // Ten workers take ten triggers at a time: two acquisitions, a few more if one fell short.
    // One trigger per acquisition, as before, took twenty.
    assertThat(ACQUISITIONS.get()).isBetween(2, 5);
  }

  /** Counts the acquisitions that reserved at least one trigger. */
  public static final class CountingJobStore extends JobStoreTX {
    @Override
    public List<OperableTrigger> acquireNextTriggers(
        long noLaterThan, int maxCount, long timeWindow) throws org.quartz.JobPersistenceException {
      List<OperableTrigger> acquired = super.acquireNextTriggers(noLaterThan, maxCount, timeWindow);
      if (!acquired.isEmpty()) {
        ACQUISITIONS.incrementAndGet();
      }
      return acquired;
    }
  }

  public static final class CountingJob implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      FIRED.incrementAndGet();
    }
  }
}
