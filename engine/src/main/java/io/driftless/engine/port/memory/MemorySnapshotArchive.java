package io.driftless.engine.port.memory;

import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Run;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.SnapshotArchive;
import java.util.List;
import java.util.Optional;

/** Applied snapshots in memory, on the snapshots of a {@link MemoryStore}. */
public final class MemorySnapshotArchive implements SnapshotArchive {
  private final MemoryStore store;

  public MemorySnapshotArchive(MemoryStore store) {
    this.store = store;
  }

  @Override
  public void save(EnvironmentLocks.Lease lease, RunId run, DesiredState desired) {
    store.save(lease, run, desired);
  }

  @Override
  public Optional<Snapshot> lastApplied(EnvironmentName environment) {
    return store.lastApplied(environment);
  }

  @Override
  public Optional<RunId> lastHealthy(EnvironmentName environment) {
    return store.lastHealthy(environment);
  }

  @Override
  public Optional<RunId> lastAppliedAt(EnvironmentName environment, Revision revision) {
    synchronized (store) {
      List<Run> runs = store.runs(environment);
      for (int i = runs.size() - 1; i >= 0; i--) {
        Run run = runs.get(i);
        Optional<Snapshot> snapshot = store.ofRun(run.id());
        if (snapshot.isPresent() && snapshot.get().revision().equals(revision)) {
          return Optional.of(run.id());
        }
      }
      return Optional.empty();
    }
  }

  @Override
  public Optional<Snapshot> ofRun(RunId run) {
    return store.ofRun(run);
  }

  @Override
  public Optional<Content> content(ContentHash hash) {
    return store.content(hash);
  }

  @Override
  public byte[] bytes(ContentHash hash) {
    return store.bytes(hash).orElseThrow(() -> new NotFoundException("content", hash.value()));
  }
}
