package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: an H2 file under the data directory that keeps everything. */
class H2FileDatabaseTest {
  private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

  @TempDir Path dataDir;

  @Test
  void everythingSurvivesARestartAndTheGeneratedKeyIsPrivate() throws Exception {
    StorageConfig config = StorageConfig.h2(dataDir);
    Source source = Fixtures.secretSource("repo");
    EnvironmentName env = EnvironmentName.of("web");
    DesiredState desired = Fixtures.desired(1, Fixtures.file("index.html", "<h1>hi</h1>"));
    RunId run;
    try (Storage storage = Storage.open(config, clock)) {
      storage.sources().register(source);
      storage.environments().register(Fixtures.fullEnvironment("web", "repo"));
      EnvironmentLocks.Lease lease =
          storage.locks().tryAcquire(env, "me", Duration.ofMinutes(1)).orElseThrow();
      run = storage.runs().create(env, Trigger.api("alice", "first"), clock.instant());
      storage.runs().complete(run, lease, Fixtures.applied(desired), clock.instant());
      storage.snapshots().save(lease, run, desired);
      storage.inventory().replace(lease, Inventory.of(Set.of(ResourceKey.of("index.html"))));
      storage.locks().release(lease);
    }
    Path key = dataDir.resolve(StorageConfig.GENERATED_KEY_FILE);
    assertThat(Files.getPosixFilePermissions(key))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    String keyText = Files.readString(key);
    assertThat(Files.list(dataDir).map(p -> p.getFileName().toString()))
        .anyMatch(n -> n.startsWith("driftless") && n.endsWith(".mv.db"));

    try (Storage storage = Storage.open(config, clock)) {
      assertThat(storage.sources().find(source.name())).contains(source);
      assertThat(storage.environments().find(env))
          .contains(Fixtures.fullEnvironment("web", "repo"));
      assertThat(storage.runs().find(run).orElseThrow().result().plan().changes()).hasSize(1);
      assertThat(storage.snapshots().lastApplied(env)).contains(Snapshot.of(desired));
      assertThat(storage.inventory().get(env).keys()).containsExactly(ResourceKey.of("index.html"));
    }
    assertThat(Files.readString(key)).isEqualTo(keyText);
  }
}
