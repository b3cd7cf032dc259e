package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.LeaseLostException;
import io.driftless.storage.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.SnapshotRepository} against a real database. */
public abstract class SnapshotRepositoryContractTest extends StorageTestBase {

  private RunId appliedRun(
      EnvironmentName env, EnvironmentLocks.Lease lease, DesiredState desired) {
    RunId id = storage.runs().create(env, Trigger.schedule(), clock.instant());
    storage.runs().complete(id, lease, Fixtures.applied(desired), clock.instant());
    return id;
  }

  /** Counts how often the bytes of the desired state are loaded. */
  private static DesiredState counting(DesiredState desired, AtomicInteger loads) {
    SortedMap<ResourceKey, Resource> map = new TreeMap<>();
    for (Resource r : desired.resources().values()) {
      byte[] bytes = r.content().bytes();
      map.put(
          r.key(),
          new Resource(
              r.key(),
              r.kind(),
              Content.lazy(
                  r.hash(),
                  () -> {
                    loads.incrementAndGet();
                    return bytes;
                  })));
    }
    return new DesiredState(desired.revision(), desired.treeId(), map);
  }

  @Test
  void aSavedSnapshotIsTheLastAppliedAndTheRunsSnapshot() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    DesiredState first =
        Fixtures.desired(1, Fixtures.file("a.conf", "a1"), Fixtures.file("b.conf", "b1"));
    DesiredState second =
        Fixtures.desired(
            2,
            Fixtures.file("a.conf", "a2"),
            new Resource(
                ResourceKey.of("run.sh"),
                ResourceKind.EXECUTABLE,
                Content.of("#!/bin/sh".getBytes(StandardCharsets.UTF_8))));
    RunId run1 = appliedRun(env, lease, first);
    storage.snapshots().save(lease, run1, first);
    RunId run2 = appliedRun(env, lease, second);
    storage.snapshots().save(lease, run2, second);

    assertThat(storage.snapshots().ofRun(run1)).contains(Snapshot.of(first));
    assertThat(storage.snapshots().ofRun(run2)).contains(Snapshot.of(second));
    assertThat(storage.snapshots().lastApplied(env)).contains(Snapshot.of(second));
    ContentHash hash = second.get(ResourceKey.of("run.sh")).hash();
    assertThat(storage.snapshots().content(hash).orElseThrow().bytes())
        .isEqualTo("#!/bin/sh".getBytes(StandardCharsets.UTF_8));
    assertThat(storage.snapshots().content(hash).orElseThrow().hash()).isEqualTo(hash);
    storage.locks().release(lease);
  }

  @Test
  void theLastHealthyRunIsTheNewestThatSucceededWithASnapshot() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    DesiredState first = Fixtures.desired(1, Fixtures.file("a.conf", "a1"));
    DesiredState second = Fixtures.desired(2, Fixtures.file("a.conf", "a2"));
    RunId healthy = appliedRun(env, lease, first);
    storage.snapshots().save(lease, healthy, first);
    RunId unhealthy = storage.runs().create(env, Trigger.schedule(), clock.instant());
    storage.snapshots().save(lease, unhealthy, second);
    storage
        .runs()
        .complete(
            unhealthy,
            lease,
            RunResult.failed(
                second.revision(),
                new RunError("target.unhealthy", "health check failed", java.util.Map.of())),
            clock.instant());

    assertThat(storage.snapshots().lastApplied(env)).contains(Snapshot.of(second));
    assertThat(storage.snapshots().lastHealthy(env)).contains(healthy);
    assertThat(storage.snapshots().lastAppliedAt(env, second.revision())).contains(unhealthy);
    assertThat(storage.snapshots().lastAppliedAt(env, first.revision())).contains(healthy);
    assertThat(storage.snapshots().lastAppliedAt(env, Fixtures.revision(99))).isEmpty();
    assertThat(storage.snapshots().lastHealthy(newEnvironment())).isEmpty();
    storage.locks().release(lease);
  }

  @Test
  void nothingAppliedYetIsEmpty() {
    EnvironmentName env = newEnvironment();

    assertThat(storage.snapshots().lastApplied(env)).isEmpty();
    assertThat(storage.snapshots().ofRun(RunId.of(777_777_777L))).isEmpty();
    assertThat(storage.snapshots().content(ContentHash.ofBytes(new byte[] {1, 2, 3}))).isEmpty();
  }

  @Test
  void twoRunsApplyingTheSame10000FilesStoreTheirContentsOnce() throws Exception {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    // A revision number of its own, so other tests' contents do not count here.
    DesiredState desired = Fixtures.desired(3);
    SortedMap<ResourceKey, Resource> files = new TreeMap<>();
    String marker = Fixtures.unique("dedup");
    for (int i = 0; i < 10_000; i++) {
      Resource r = Fixtures.file("f/" + i + ".txt", marker + " file " + i);
      files.put(r.key(), r);
    }
    desired = new DesiredState(Fixtures.revision(3), Fixtures.tree(3), files);
    AtomicInteger firstLoads = new AtomicInteger();
    AtomicInteger secondLoads = new AtomicInteger();
    long before = count("SELECT COUNT(*) FROM contents");

    RunId run1 = appliedRun(env, lease, desired);
    storage.snapshots().save(lease, run1, counting(desired, firstLoads));
    RunId run2 = appliedRun(env, lease, desired);
    storage.snapshots().save(lease, run2, counting(desired, secondLoads));

    assertThat(count("SELECT COUNT(*) FROM contents") - before).isEqualTo(10_000);
    assertThat(firstLoads).hasValue(10_000);
    assertThat(secondLoads).hasValue(0);
    assertThat(storage.snapshots().ofRun(run2).orElseThrow().entries()).hasSize(10_000);
    assertThat(storage.snapshots().ofRun(run1)).isEqualTo(storage.snapshots().ofRun(run2));
    storage.locks().release(lease);
  }

  @Test
  void savingUnderALostLeaseIsRefusedAndWritesNothing() throws Exception {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease =
        storage.locks().tryAcquire(env, "late", Duration.ofSeconds(5)).orElseThrow();
    String marker = Fixtures.unique("lost");
    DesiredState desired = Fixtures.desired(4, Fixtures.file("lost.conf", marker));
    RunId run = appliedRun(env, lease, desired);
    clock.advance(Duration.ofSeconds(6));

    assertThatThrownBy(() -> storage.snapshots().save(lease, run, desired))
        .isInstanceOf(LeaseLostException.class);
    assertThat(storage.snapshots().ofRun(run)).isEmpty();
    assertThat(storage.snapshots().content(desired.get(ResourceKey.of("lost.conf")).hash()))
        .isEmpty();
  }

  @Test
  void contentsThatDoNotMatchTheirHashAreRefused() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    Resource liar =
        new Resource(
            ResourceKey.of("liar"),
            ResourceKind.FILE,
            Content.lazy(ContentHash.ofBytes(new byte[] {9}), () -> new byte[] {8}));
    DesiredState desired = Fixtures.desired(5, liar);
    RunId run = appliedRun(env, lease, desired);

    assertThatThrownBy(() -> storage.snapshots().save(lease, run, desired))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(storage.snapshots().ofRun(run)).isEmpty();
    storage.locks().release(lease);
  }

  @Test
  void garbageCollectionRemovesOnlyContentsNoSnapshotUses() {
    EnvironmentName doomed = newEnvironment();
    EnvironmentName kept = newEnvironment();
    EnvironmentLocks.Lease doomedLease = lease(doomed);
    EnvironmentLocks.Lease keptLease = lease(kept);
    String marker = Fixtures.unique("gc");
    Resource shared = Fixtures.file("shared.conf", marker + " shared");
    Resource only = Fixtures.file("only.conf", marker + " only");
    DesiredState doomedState = Fixtures.desired(6, shared, only);
    DesiredState keptState = Fixtures.desired(6, shared);
    storage
        .snapshots()
        .save(doomedLease, appliedRun(doomed, doomedLease, doomedState), doomedState);
    storage.snapshots().save(keptLease, appliedRun(kept, keptLease, keptState), keptState);
    storage.locks().release(doomedLease);

    storage.environments().delete(doomed);
    int removed = storage.snapshots().collectGarbage();

    assertThat(removed).isGreaterThanOrEqualTo(1);
    assertThat(storage.snapshots().content(only.hash())).isEmpty();
    assertThat(storage.snapshots().content(shared.hash())).isPresent();
    assertThat(storage.snapshots().lastApplied(kept)).contains(Snapshot.of(keptState));
    storage.locks().release(keptLease);
  }
}
