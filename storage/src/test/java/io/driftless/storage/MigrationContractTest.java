package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.testing.MutableClock;
import io.driftless.storage.model.MigrationStatus;
import io.driftless.storage.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From an empty database to the newest schema, as {@code driftless db migrate} does it. */
public abstract class MigrationContractTest {

  protected abstract TestDatabase database();

  @Test
  void migratesAnEmptyDatabaseToTheNewestVersionOnce() {
    StorageConfig config = database().config().withMigrateOnStart(false);

    List<MigrationStatus> before = Storage.status(config);
    assertThat(before).isNotEmpty().allSatisfy(m -> assertThat(m.state()).isEqualTo("Pending"));

    Migrations.Result first = Storage.migrate(config);
    assertThat(first.applied()).isEqualTo(before.size());
    assertThat(first.schemaVersion()).isEqualTo(before.get(before.size() - 1).version());

    List<MigrationStatus> after = Storage.status(config);
    assertThat(after)
        .allSatisfy(
            m -> {
              assertThat(m.state()).isEqualTo("Success");
              assertThat(m.installedOn()).isNotNull();
            });
    assertThat(Storage.migrate(config).applied()).isZero();

    try (Storage storage = Storage.open(config, MutableClock.startingAt("2026-01-01T00:00:00Z"))) {
      assertThat(storage.ping()).isTrue();
      assertThat(storage.sources().list()).isEmpty();
    }
  }
}
