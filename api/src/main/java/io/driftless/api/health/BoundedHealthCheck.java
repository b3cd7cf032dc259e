package io.driftless.api.health;

import com.codahale.metrics.health.HealthCheck;
import io.driftless.api.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A health check that answers within a bound. The database and scheduler checks each wait for a
 * pooled connection; while the database is away that wait, added up over the checks, outlasted the
 * load balancer's (and the tests') patience, so {@code /healthcheck} hung instead of turning red. A
 * check still running at the bound is unhealthy, saying so, and is left to finish on its own
 * thread.
 */
public final class BoundedHealthCheck extends HealthCheck {
  /** Checks run here, so a hung one never holds the request that asked. */
  private static final ExecutorService CHECKS =
      Executors.newCachedThreadPool(DaemonThreads.named("driftless-health-check"));

  private final HealthCheck check;
  private final Duration bound;

  private BoundedHealthCheck(HealthCheck check, Duration bound) {
    this.check = check;
    this.bound = bound;
  }

  /** {@code check}, unhealthy when it has not answered within {@code bound}. */
  public static HealthCheck within(Duration bound, HealthCheck check) {
    return new BoundedHealthCheck(check, bound);
  }

  @Override
  protected Result check() {
    Future<Result> running = CHECKS.submit(check::execute);
    try {
      return running.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      return Result.unhealthy("no answer within " + bound.toMillis() + " ms");
    } catch (ExecutionException e) {
      return Result.unhealthy(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.unhealthy("interrupted while checking");
    }
  }
}
