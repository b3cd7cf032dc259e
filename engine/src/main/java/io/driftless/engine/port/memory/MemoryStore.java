package io.driftless.engine.port.memory;

import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Run;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.EnvironmentStore;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.InventoryStore;
import io.driftless.engine.port.LeaseLostException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.RegistryOwners;
import io.driftless.engine.port.RunStore;
import io.driftless.engine.port.SnapshotStore;
import io.driftless.engine.port.SourceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every engine port in memory, for one process: the one-shot engine run and the engine's tests. All
 * methods synchronize on this object. Nothing survives the process.
 */
public final class MemoryStore
    implements SourceStore,
        EnvironmentStore,
        RunStore,
        SnapshotStore,
        InventoryStore,
        EnvironmentLocks {

  private record Lock(String owner, long id, Instant expiresAt) {}

  private record AppliedSnapshot(EnvironmentName environment, Snapshot snapshot) {}

  private final Clock clock;
  private final Map<SourceName, Source> sources = new HashMap<>();
  // Owners by kind and name, as the database keeps them on the object's row: removed with it.
  private final Map<RegistryOwners.Kind, Map<String, RegistryOwners.Owner>> owners =
      new EnumMap<>(RegistryOwners.Kind.class);
  private final java.util.Set<String> retiredSources = new java.util.HashSet<>();
  private final Map<EnvironmentName, Environment> environments = new HashMap<>();
  private final Map<EnvironmentName, EnvironmentState> states = new HashMap<>();
  private final Map<EnvironmentName, Map<String, PlaceStatus>> places = new HashMap<>();
  private final Map<EnvironmentName, Inventory> inventories = new HashMap<>();
  private final Map<EnvironmentName, Lock> locks = new HashMap<>();
  private final Map<EnvironmentName, Long> lockSequence = new HashMap<>();
  private final Map<RunId, Run> runs = new HashMap<>();
  private final Map<RunId, AppliedSnapshot> snapshots = new HashMap<>();
  private final Map<RunId, RunId> rollbacks = new HashMap<>();
  private final Map<EnvironmentName, RunId> lastApplied = new HashMap<>();
  private final Map<ContentHash, byte[]> contents = new HashMap<>();
  private long nextRunId = 1;

  public MemoryStore(Clock clock) {
    this.clock = clock;
  }

  // --- registration, used by the one-shot run and by tests

  public synchronized void put(Source source) {
    sources.put(source.name(), source);
  }

  public synchronized void put(Environment environment) {
    environments.put(environment.name(), environment);
    states.putIfAbsent(environment.name(), EnvironmentState.initial());
  }

  /** Every run of an environment, oldest first. */
  public synchronized List<Run> runs(EnvironmentName environment) {
    return runs.values().stream()
        .filter(r -> r.environment().equals(environment))
        .sorted(java.util.Comparator.comparing(r -> r.id().value()))
        .toList();
  }

  /** Every registered source, by name. */
  public synchronized List<Source> sources() {
    return sources.values().stream()
        .sorted(java.util.Comparator.comparing(s -> s.name().value()))
        .toList();
  }

  /** Every registered environment, by name. */
  public synchronized List<Environment> environments() {
    return environments.values().stream()
        .sorted(java.util.Comparator.comparing(e -> e.name().value()))
        .toList();
  }

  /** Removes a source; the catalog checks that no environment uses it. */
  synchronized void remove(SourceName name) {
    sources.remove(name);
    ownersOf(RegistryOwners.Kind.SOURCE).remove(name.value());
    retiredSources.remove(name.value());
  }

  /** The retired sources' names, live: callers hold this store's lock. */
  java.util.Set<String> retiredSources() {
    return retiredSources;
  }

  /** Every retired environment's name. */
  synchronized java.util.Set<String> retiredEnvironments() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    states.forEach(
        (name, state) -> {
          if (state.retired()) {
            names.add(name.value());
          }
        });
    return names;
  }

  synchronized void setRetired(EnvironmentName name, boolean retired) {
    if (environments.containsKey(name)) {
      states.put(name, state(name).withRetired(retired));
    }
  }

  /** The owners of one kind, live: callers hold this store's lock. */
  Map<String, RegistryOwners.Owner> ownersOf(RegistryOwners.Kind kind) {
    return owners.computeIfAbsent(kind, k -> new HashMap<>());
  }

  /** Removes an environment with its state, runs, snapshots, inventory and lease. */
  synchronized void remove(EnvironmentName name) {
    environments.remove(name);
    ownersOf(RegistryOwners.Kind.ENVIRONMENT).remove(name.value());
    states.remove(name);
    inventories.remove(name);
    locks.remove(name);
    lastApplied.remove(name);
    runs.values().removeIf(r -> r.environment().equals(name));
    snapshots.values().removeIf(s -> s.environment().equals(name));
    rollbacks.keySet().removeIf(id -> !runs.containsKey(id));
  }

  /** Marks an unfinished run as interrupted; a finished run stays as it is. */
  synchronized void interrupt(RunId id, RunError reason, Instant at) {
    Run r = runs.get(id);
    if (r == null || r.status().finished()) {
      return;
    }
    RunResult interrupted =
        new RunResult(RunStatus.INTERRUPTED, null, null, null, null, null, null, reason);
    runs.put(id, finished(r, interrupted, at));
  }

  /** {@code r} finished at {@code at} with {@code result}; a run never started starts then too. */
  private static Run finished(Run r, RunResult result, Instant at) {
    return new Run(
        r.id(),
        r.environment(),
        r.trigger(),
        result.status(),
        r.createdAt(),
        r.startedAt() == null ? at : r.startedAt(),
        at,
        result);
  }

  /** The bytes of a stored content, if stored. */
  synchronized Optional<byte[]> bytes(ContentHash hash) {
    return Optional.ofNullable(contents.get(hash));
  }

  public synchronized int storedContents() {
    return contents.size();
  }

  // --- SourceStore

  @Override
  public synchronized Optional<Source> find(SourceName name) {
    return Optional.ofNullable(sources.get(name));
  }

  // --- EnvironmentStore

  @Override
  public synchronized Optional<Environment> find(EnvironmentName name) {
    return Optional.ofNullable(environments.get(name));
  }

  @Override
  public synchronized EnvironmentState state(EnvironmentName name) {
    return states.getOrDefault(name, EnvironmentState.initial());
  }

  @Override
  public synchronized void recordPlaces(EnvironmentName name, Map<String, PlaceStatus> states) {
    places.put(name, Map.copyOf(states));
  }

  @Override
  public synchronized Map<String, PlaceStatus> places(EnvironmentName name) {
    return places.getOrDefault(name, Map.of());
  }

  @Override
  public synchronized void recordChecked(
      EnvironmentName name, Revision head, boolean outOfSync, boolean drift, Instant at) {
    states.put(name, state(name).checked(head, outOfSync, drift, at));
  }

  @Override
  public synchronized void recordApplied(
      Lease lease, Revision applied, Revision head, Health health, Instant at) {
    checkHeld(lease);
    EnvironmentName name = lease.environment();
    states.put(name, state(name).applied(applied, head, health, at));
  }

  @Override
  public synchronized void pin(EnvironmentName name, Pin pin) {
    states.put(name, state(name).pinnedAt(pin));
  }

  @Override
  public synchronized void unpin(EnvironmentName name) {
    states.put(name, state(name).pinnedAt(null));
  }

  @Override
  public synchronized void setSuspended(EnvironmentName name, boolean suspended) {
    states.put(name, state(name).withSuspended(suspended));
  }

  // --- RunStore

  @Override
  public synchronized RunId create(
      EnvironmentName environment, Trigger trigger, Instant at, RunId rollbackOf) {
    InvalidInputException.checkLength("actor", trigger.actor(), 255);
    InvalidInputException.checkLength("reason", trigger.reason(), 4096);
    if (!environments.containsKey(environment)) {
      throw new NotFoundException("environment", environment.value());
    }
    if (rollbackOf != null && !existing(rollbackOf).environment().equals(environment)) {
      throw new IllegalArgumentException("run " + rollbackOf + " is not a run of " + environment);
    }
    RunId id = RunId.of(nextRunId++);
    runs.put(id, new Run(id, environment, trigger, RunStatus.QUEUED, at, null, null, null));
    if (rollbackOf != null) {
      rollbacks.put(id, rollbackOf);
    }
    return id;
  }

  /** The run a rollback run restores; empty for any other run. */
  public synchronized Optional<RunId> rollbackOf(RunId run) {
    return Optional.ofNullable(rollbacks.get(run));
  }

  @Override
  public synchronized void markRunning(RunId id, Instant at) {
    Run r = existing(id);
    if (r.status() != RunStatus.QUEUED) {
      throw new ConflictException(
          "run " + id + " is " + r.status() + ", not queued",
          Map.of("run", id.toString(), "status", r.status().name()));
    }
    runs.put(
        id,
        new Run(
            id, r.environment(), r.trigger(), RunStatus.RUNNING, r.createdAt(), at, null, null));
  }

  @Override
  public synchronized void complete(RunId id, Lease lease, RunResult result, Instant at) {
    if (!result.status().finished()) {
      throw new InvalidInputException(
          "a run completes with a final status, not " + result.status(),
          Map.of("status", result.status().name()));
    }
    checkHeld(lease);
    Run r = runs.get(id);
    if (r == null) {
      throw new NotFoundException("run", id.toString());
    }
    if (!r.environment().equals(lease.environment())) {
      throw new ConflictException(
          "run " + id + " does not belong to environment '" + lease.environment() + "'",
          Map.of("run", id.toString(), "environment", lease.environment().value()));
    }
    if (r.status().finished()) {
      throw new ConflictException(
          "run " + id + " already finished as " + r.status(),
          Map.of("run", id.toString(), "status", r.status().name()));
    }
    runs.put(id, finished(r, result, at));
  }

  @Override
  public synchronized Optional<Run> find(RunId id) {
    return Optional.ofNullable(runs.get(id));
  }

  private Run existing(RunId id) {
    Run run = runs.get(id);
    if (run == null) {
      throw new NotFoundException("run", id.toString());
    }
    return run;
  }

  // --- SnapshotStore

  @Override
  public synchronized void save(Lease lease, RunId run, DesiredState desired) {
    checkHeld(lease);
    Map<ContentHash, byte[]> loaded = new HashMap<>();
    for (Resource resource : desired.resources().values()) {
      Content stored = resource.content().stored();
      if (!contents.containsKey(stored.hash()) && !loaded.containsKey(stored.hash())) {
        byte[] bytes = stored.bytes();
        if (!ContentHash.ofBytes(bytes).equals(stored.hash())) {
          throw new IllegalArgumentException(
              "content of " + resource.key() + " does not match its hash " + stored.hash());
        }
        loaded.put(stored.hash(), bytes);
      }
    }
    contents.putAll(loaded);
    snapshots.put(run, new AppliedSnapshot(lease.environment(), Snapshot.of(desired)));
    lastApplied.put(lease.environment(), run);
  }

  @Override
  public synchronized Optional<Snapshot> lastApplied(EnvironmentName environment) {
    RunId run = lastApplied.get(environment);
    return run == null ? Optional.empty() : Optional.of(snapshots.get(run).snapshot());
  }

  @Override
  public synchronized Optional<RunId> lastHealthy(EnvironmentName environment) {
    return snapshots.entrySet().stream()
        .filter(e -> e.getValue().environment().equals(environment))
        .map(Map.Entry::getKey)
        .filter(id -> runs.get(id) != null && runs.get(id).status() == RunStatus.SUCCEEDED)
        .max(java.util.Comparator.comparingLong(RunId::value));
  }

  @Override
  public synchronized Optional<Snapshot> ofRun(RunId run) {
    AppliedSnapshot applied = snapshots.get(run);
    return applied == null ? Optional.empty() : Optional.of(applied.snapshot());
  }

  @Override
  public synchronized Optional<Content> content(ContentHash hash) {
    byte[] bytes = contents.get(hash);
    return bytes == null ? Optional.empty() : Optional.of(Content.of(bytes));
  }

  // --- InventoryStore

  @Override
  public synchronized Inventory get(EnvironmentName environment) {
    return inventories.getOrDefault(environment, Inventory.empty());
  }

  @Override
  public synchronized void replace(Lease lease, Inventory inventory) {
    checkHeld(lease);
    inventories.put(lease.environment(), inventory);
  }

  // --- EnvironmentLocks

  @Override
  public synchronized Optional<Lease> tryAcquire(
      EnvironmentName environment, String owner, Duration ttl) {
    Instant now = clock.instant();
    Lock held = locks.get(environment);
    if (held != null && held.expiresAt().isAfter(now)) {
      return Optional.empty();
    }
    long id = lockSequence.merge(environment, 1L, Long::sum);
    Lock lock = new Lock(owner, id, now.plus(ttl));
    locks.put(environment, lock);
    return Optional.of(new Lease(environment, owner, id, lock.expiresAt()));
  }

  @Override
  public synchronized Optional<Lease> renew(Lease lease, Duration ttl) {
    if (!held(lease)) {
      return Optional.empty();
    }
    Instant expiresAt = clock.instant().plus(ttl);
    locks.put(lease.environment(), new Lock(lease.owner(), lease.id(), expiresAt));
    return Optional.of(new Lease(lease.environment(), lease.owner(), lease.id(), expiresAt));
  }

  @Override
  public synchronized void release(Lease lease) {
    if (held(lease)) {
      locks.remove(lease.environment());
    }
  }

  @Override
  public synchronized List<EnvironmentName> breakAbandoned(Predicate<String> alive) {
    Instant now = clock.instant();
    List<EnvironmentName> broken = new ArrayList<>();
    for (Map.Entry<EnvironmentName, Lock> e : List.copyOf(locks.entrySet())) {
      if (e.getValue().expiresAt().isAfter(now) && !alive.test(e.getValue().owner())) {
        locks.remove(e.getKey());
        // The next acquisition's id must differ from any the broken holder could still present.
        lockSequence.merge(e.getKey(), 1L, Long::sum);
        broken.add(e.getKey());
      }
    }
    return broken;
  }

  @Override
  public synchronized Optional<Lease> holder(EnvironmentName environment) {
    Lock lock = locks.get(environment);
    if (lock == null || !lock.expiresAt().isAfter(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(new Lease(environment, lock.owner(), lock.id(), lock.expiresAt()));
  }

  private boolean held(Lease lease) {
    Lock lock = locks.get(lease.environment());
    return lock != null && lock.id() == lease.id() && lock.expiresAt().isAfter(clock.instant());
  }

  private void checkHeld(Lease lease) {
    if (!held(lease)) {
      throw new LeaseLostException(lease);
    }
  }
}
