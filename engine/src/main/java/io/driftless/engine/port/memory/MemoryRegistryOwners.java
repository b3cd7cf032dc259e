package io.driftless.engine.port.memory;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.RegistryOwners;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/** Owners kept in the {@link MemoryStore} beside their objects, removed with them. */
final class MemoryRegistryOwners implements RegistryOwners {
  private final MemoryStore store;

  MemoryRegistryOwners(MemoryStore store) {
    this.store = store;
  }

  @Override
  public Optional<Owner> find(Kind kind, String name) {
    synchronized (store) {
      return Optional.ofNullable(store.ownersOf(kind).get(name));
    }
  }

  @Override
  public Map<String, Owner> all(Kind kind) {
    synchronized (store) {
      return new TreeMap<>(store.ownersOf(kind));
    }
  }

  @Override
  public void set(Kind kind, String name, Owner owner) {
    synchronized (store) {
      boolean exists =
          kind == Kind.SOURCE
              ? store.find(SourceName.of(name)).isPresent()
              : store.find(EnvironmentName.of(name)).isPresent();
      if (owner == null || !exists) {
        store.ownersOf(kind).remove(name);
      } else {
        store.ownersOf(kind).put(name, owner);
      }
    }
  }

  @Override
  public Set<String> retired(Kind kind) {
    synchronized (store) {
      return kind == Kind.SOURCE
          ? new TreeSet<>(store.retiredSources())
          : store.retiredEnvironments();
    }
  }

  @Override
  public void setRetired(Kind kind, String name, boolean retired) {
    synchronized (store) {
      if (kind == Kind.ENVIRONMENT) {
        store.setRetired(EnvironmentName.of(name), retired);
      } else if (retired && store.find(SourceName.of(name)).isPresent()) {
        store.retiredSources().add(name);
      } else {
        store.retiredSources().remove(name);
      }
    }
  }

  /** Memory has no rollback: the work runs as it is. */
  @Override
  public <T> T inOneTransaction(Supplier<T> work) {
    return work.get();
  }
}
