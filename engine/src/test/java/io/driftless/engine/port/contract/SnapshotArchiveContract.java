package io.driftless.engine.port.contract;

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
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.LeaseLostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.driftless.engine.port.SnapshotArchive}, for every store that implements
 * it.
 */
public abstract class SnapshotArchiveContract extends StoresContract {

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
    stores.snapshots().save(lease, run1, first);
    RunId run2 = appliedRun(env, lease, second);
    stores.snapshots().save(lease, run2, second);

    assertThat(stores.snapshots().ofRun(run1)).contains(Snapshot.of(first));
    assertThat(stores.snapshots().ofRun(run2)).contains(Snapshot.of(second));
    assertThat(stores.snapshots().lastApplied(env)).contains(Snapshot.of(second));
    ContentHash hash = second.get(ResourceKey.of("run.sh")).hash();
    assertThat(stores.snapshots().content(hash).orElseThrow().bytes())
        .isEqualTo("#!/bin/sh".getBytes(StandardCharsets.UTF_8));
    assertThat(stores.snapshots().content(hash).orElseThrow().hash()).isEqualTo(hash);
    stores.locks().release(lease);
  }

  @Test
  void theLastHealthyRunIsTheNewestThatSucceededWithASnapshot() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    DesiredState first = Fixtures.desired(1, Fixtures.file("a.conf", "a1"));
    DesiredState second = Fixtures.desired(2, Fixtures.file("a.conf", "a2"));
    RunId healthy = appliedRun(env, lease, first);
    stores.snapshots().save(lease, healthy, first);
    RunId unhealthy = stores.runs().create(env, Trigger.schedule(), clock.instant());
    stores.snapshots().save(lease, unhealthy, second);
    stores
        .runs()
        .complete(
            unhealthy,
            lease,
            new RunResult(
                RunStatus.FAILED,
                second.revision(),
                null,
                null,
                null,
                null,
                null,
                new RunError("target.unhealthy", "health check failed", java.util.Map.of())),
            clock.instant());

    assertThat(stores.snapshots().lastApplied(env)).contains(Snapshot.of(second));
    assertThat(stores.snapshots().lastHealthy(env)).contains(healthy);
    assertThat(stores.snapshots().lastAppliedAt(env, second.revision())).contains(unhealthy);
    assertThat(stores.snapshots().lastAppliedAt(env, first.revision())).contains(healthy);
    assertThat(stores.snapshots().lastAppliedAt(env, Fixtures.revision(99))).isEmpty();
    assertThat(stores.snapshots().lastHealthy(newEnvironment())).isEmpty();
    stores.locks().release(lease);
  }

  @Test
  void nothingAppliedYetIsEmpty() {
    EnvironmentName env = newEnvironment();

    assertThat(stores.snapshots().lastApplied(env)).isEmpty();
    assertThat(stores.snapshots().ofRun(RunId.of(777_777_777L))).isEmpty();
    assertThat(stores.snapshots().content(ContentHash.ofBytes(new byte[] {1, 2, 3}))).isEmpty();
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

    RunId run1 = appliedRun(env, lease, desired);
    stores.snapshots().save(lease, run1, counting(desired, firstLoads));
    RunId run2 = appliedRun(env, lease, desired);
    stores.snapshots().save(lease, run2, counting(desired, secondLoads));

    assertThat(firstLoads).hasValue(10_000);
    assertThat(secondLoads).hasValue(0);
    assertThat(stores.snapshots().ofRun(run2).orElseThrow().entries()).hasSize(10_000);
    assertThat(stores.snapshots().ofRun(run1)).isEqualTo(stores.snapshots().ofRun(run2));
    stores.locks().release(lease);
  }

  @Test
  void environmentsSavingTheSameNewContentAtOnceAllSucceed() throws Exception {
    int environments = 8;
    String marker = Fixtures.unique("race");
    SortedMap<ResourceKey, Resource> files = new TreeMap<>();
    for (int i = 0; i < 50; i++) {
      Resource r = Fixtures.file("shared/" + i + ".txt", marker + " file " + i);
      files.put(r.key(), r);
    }
    DesiredState desired = new DesiredState(Fixtures.revision(4), Fixtures.tree(4), files);
    List<EnvironmentName> names = new ArrayList<>();
    List<EnvironmentLocks.Lease> leases = new ArrayList<>();
    List<RunId> runs = new ArrayList<>();
    for (int i = 0; i < environments; i++) {
      EnvironmentName env = newEnvironment();
      EnvironmentLocks.Lease lease = lease(env);
      names.add(env);
      leases.add(lease);
      runs.add(appliedRun(env, lease, desired));
    }
    CyclicBarrier start = new CyclicBarrier(environments);
    ExecutorService pool = Executors.newFixedThreadPool(environments);
    try {
      List<Future<?>> saves = new ArrayList<>();
      for (int i = 0; i < environments; i++) {
        int n = i;
        saves.add(
            pool.submit(
                () -> {
                  start.await();
                  stores.snapshots().save(leases.get(n), runs.get(n), desired);
                  return null;
                }));
      }
      for (Future<?> save : saves) {
        save.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < environments; i++) {
      assertThat(stores.snapshots().lastApplied(names.get(i)).orElseThrow().entries()).hasSize(50);
      stores.locks().release(leases.get(i));
    }
  }

  @Test
  void savingUnderALostLeaseIsRefusedAndWritesNothing() throws Exception {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease =
        stores.locks().tryAcquire(env, "late", Duration.ofSeconds(5)).orElseThrow();
    String marker = Fixtures.unique("lost");
    DesiredState desired = Fixtures.desired(4, Fixtures.file("lost.conf", marker));
    RunId run = appliedRun(env, lease, desired);
    clock.advance(Duration.ofSeconds(6));

    assertThatThrownBy(() -> stores.snapshots().save(lease, run, desired))
        .isInstanceOf(LeaseLostException.class);
    assertThat(stores.snapshots().ofRun(run)).isEmpty();
    assertThat(stores.snapshots().content(desired.get(ResourceKey.of("lost.conf")).hash()))
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

    assertThatThrownBy(() -> stores.snapshots().save(lease, run, desired))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(stores.snapshots().ofRun(run)).isEmpty();
    stores.locks().release(lease);
  }

  @Test
  void aDecryptedFileIsStoredOnlyInItsEncryptedForm() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    byte[] encrypted = "password: ENC[AES256_GCM,data:...]\n".getBytes(StandardCharsets.UTF_8);
    byte[] plaintext = "password: not-stored\n".getBytes(StandardCharsets.UTF_8);
    // A keyed hash of the plaintext stands for it; here any id that is not its Git blob id.
    ContentHash keyed = ContentHash.ofBytes("keyed id".getBytes(StandardCharsets.UTF_8));
    Resource decrypted =
        new Resource(
            ResourceKey.of("secret.yaml"),
            ResourceKind.FILE,
            new Content.Decrypted(keyed, Content.of(encrypted), plaintext::clone));
    DesiredState desired = Fixtures.desired(6, decrypted, Fixtures.file("plain.conf", "p"));
    RunId run = appliedRun(env, lease, desired);
    stores.snapshots().save(lease, run, desired);

    Snapshot snapshot = stores.snapshots().ofRun(run).orElseThrow();
    assertThat(snapshot).isEqualTo(Snapshot.of(desired));
    Snapshot.Entry entry = snapshot.get(ResourceKey.of("secret.yaml"));
    assertThat(entry.hash()).isEqualTo(keyed);
    assertThat(entry.sealed()).isEqualTo(ContentHash.ofBytes(encrypted));
    assertThat(snapshot.matches(decrypted)).isTrue();
    assertThat(stores.snapshots().content(entry.sealed()).orElseThrow().bytes())
        .isEqualTo(encrypted);
    assertThat(stores.snapshots().content(keyed)).isEmpty();
    assertThat(stores.snapshots().content(ContentHash.ofBytes(plaintext))).isEmpty();
    assertThat(snapshot.get(ResourceKey.of("plain.conf")).sealed()).isNull();
    stores.locks().release(lease);
  }
}
