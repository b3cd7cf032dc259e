package io.driftless.engine.port.memory;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.EnvironmentStore;
import io.driftless.engine.port.RegistryOwners;
import io.driftless.engine.port.SourceStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Owners in memory; an owner whose object is gone is not reported, as with the database. */
final class MemoryRegistryOwners implements RegistryOwners {
  private final SourceStore sources;
  private final EnvironmentStore environments;
  private final Map<Kind, Map<String, Owner>> owners = new HashMap<>();

  MemoryRegistryOwners(SourceStore sources, EnvironmentStore environments) {
    this.sources = sources;
    this.environments = environments;
  }

  @Override
  public synchronized Optional<Owner> find(Kind kind, String name) {
    return Optional.ofNullable(all(kind).get(name));
  }

  @Override
  public synchronized Map<String, Owner> all(Kind kind) {
    Map<String, Owner> live = new TreeMap<>();
    owners
        .getOrDefault(kind, Map.of())
        .forEach(
            (name, owner) -> {
              if (exists(kind, name)) {
                live.put(name, owner);
              }
            });
    return live;
  }

  @Override
  public synchronized void set(Kind kind, String name, Owner owner) {
    Map<String, Owner> ofKind = owners.computeIfAbsent(kind, k -> new HashMap<>());
    if (owner == null || !exists(kind, name)) {
      ofKind.remove(name);
    } else {
      ofKind.put(name, owner);
    }
  }

  @Override
  public <T> T inOneTransaction(Supplier<T> work) {
    return work.get();
  }

  private boolean exists(Kind kind, String name) {
    return kind == Kind.SOURCE
        ? sources.find(SourceName.of(name)).isPresent()
        : environments.find(EnvironmentName.of(name)).isPresent();
  }
}
