package io.driftless.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BoundedHealthCheckTest {
  @Test
  void aCheckThatHangsIsUnhealthyAtTheBound() {
    CountDownLatch never = new CountDownLatch(1);
    HealthCheck hanging =
        new HealthCheck() {
          @Override
          protected Result check() throws Exception {
            never.await();
            return Result.healthy();
          }
        };

    long start = System.nanoTime();
    HealthCheck.Result result =
        BoundedHealthCheck.within(Duration.ofMillis(300), hanging).execute();

    assertThat(result.isHealthy()).isFalse();
    assertThat(result.getMessage()).isEqualTo("no answer within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aCheckThatAnswersInTimeSaysWhatItSays() {
    HealthCheck.Result result = database(true);
    assertThat(result.isHealthy()).isTrue();
    assertThat(result.getMessage()).isEqualTo("postgresql");

    HealthCheck.Result down = database(false);
    assertThat(down.isHealthy()).isFalse();
    assertThat(down.getMessage()).isEqualTo("the database does not answer");
  }

  /** A database check, bounded with time to spare, whose database answers or not. */
  private static HealthCheck.Result database(boolean answers) {
    return BoundedHealthCheck.within(
            Duration.ofSeconds(5), new DatabaseHealthCheck(() -> answers, "postgresql"))
        .execute();
  }
}
