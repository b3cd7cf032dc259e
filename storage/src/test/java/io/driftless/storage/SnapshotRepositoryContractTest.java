package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.engine.port.contract.SnapshotArchiveContract;
import io.driftless.storage.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.SnapshotRepository} against a real database. */
public abstract class SnapshotRepositoryContractTest extends SnapshotArchiveContract {
  @Test
  void garbageCollectionRemovesOnlyContentsNoSnapshotUses(TestDatabase database) {
    EnvironmentName doomed = newEnvironment();
    EnvironmentName kept = newEnvironment();
    EnvironmentLocks.Lease doomedLease = lease(doomed);
    EnvironmentLocks.Lease keptLease = lease(kept);
    String marker = Fixtures.unique("gc");
    Resource shared = Fixtures.file("shared.conf", marker + " shared");
    Resource only = Fixtures.file("only.conf", marker + " only");
    DesiredState doomedState = Fixtures.desired(6, shared, only);
    DesiredState keptState = Fixtures.desired(6, shared);
    stores.snapshots().save(doomedLease, appliedRun(doomed, doomedLease, doomedState), doomedState);
    stores.snapshots().save(keptLease, appliedRun(kept, keptLease, keptState), keptState);
    stores.locks().release(doomedLease);

    stores.environments().delete(doomed);
    int removed = database.storage(clock).snapshots().collectGarbage();

    assertThat(removed).isGreaterThanOrEqualTo(1);
    assertThat(stores.snapshots().content(only.hash())).isEmpty();
    assertThat(stores.snapshots().content(shared.hash())).isPresent();
    assertThat(stores.snapshots().lastApplied(kept)).contains(Snapshot.of(keptState));
    stores.locks().release(keptLease);
  }
}
