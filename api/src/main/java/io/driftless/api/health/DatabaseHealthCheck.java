package io.driftless.api.health;

import com.codahale.metrics.health.HealthCheck;
import io.driftless.storage.Storage;

/** Ready when the database answers a query. */
public final class DatabaseHealthCheck extends HealthCheck {
  private final Storage storage;

  public DatabaseHealthCheck(Storage storage) {
    this.storage = storage;
  }

  @Override
  protected Result check() {
    return storage.ping()
        ? Result.healthy(storage.config().dialect().name().toLowerCase(java.util.Locale.ROOT))
        : Result.unhealthy("the database does not answer");
  }
}
