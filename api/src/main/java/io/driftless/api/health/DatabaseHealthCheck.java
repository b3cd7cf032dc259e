package io.driftless.api.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.function.BooleanSupplier;

/** Ready when the database answers a query. */
public final class DatabaseHealthCheck extends HealthCheck {
  private final BooleanSupplier answers;
  private final String database;

  /**
   * @param answers whether the database answers now
   * @param database its kind, shown when healthy (e.g. {@code postgresql})
   */
  public DatabaseHealthCheck(BooleanSupplier answers, String database) {
    this.answers = answers;
    this.database = database;
  }

  @Override
  protected Result check() {
    return answers.getAsBoolean()
        ? Result.healthy(database)
        : Result.unhealthy("the database does not answer");
  }
}
