package io.driftless.engine.port.memory;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Run;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.port.CredentialStore;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.RegistryOwners;
import io.driftless.engine.port.query.EnvironmentQuery;
import io.driftless.engine.port.query.EnvironmentReading;
import io.driftless.engine.port.query.EnvironmentStatus;
import io.driftless.engine.port.query.EnvironmentSummary;
import io.driftless.engine.port.query.NotificationTarget;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.RunSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Registered environments in memory, on the environments of a {@link MemoryStore}. */
public final class MemoryEnvironmentCatalog
    extends MemoryCatalog<EnvironmentName, Environment, EnvironmentSummary>
    implements EnvironmentCatalog {
  private final MemoryRunLog runs;
  private final MemoryNotificationTargets notifications;
  private final MemoryCredentials credentials;

  /** An ssh target's login credential must be in {@code credentials}. */
  public MemoryEnvironmentCatalog(
      MemoryStore store,
      MemoryRunLog runs,
      MemoryNotificationTargets notifications,
      MemoryCredentials credentials,
      Clock clock) {
    super(
        store, clock, new Kind<>("environment", "an", Environment::name, store::find, store::put));
    this.runs = runs;
    this.notifications = notifications;
    this.credentials = credentials;
  }

  @Override
  public Page<EnvironmentSummary> list(EnvironmentQuery query) {
    synchronized (store) {
      List<EnvironmentSummary> rows = new ArrayList<>();
      for (Environment e : store.environments()) {
        String name = e.name().value();
        if ((query.cursor() == null || name.compareTo(query.cursor()) > 0)
            && (query.namePrefix() == null || name.startsWith(query.namePrefix()))
            && (query.source() == null || query.source().equals(e.source()))
            && (query.owner() == null || ownedBy(name, query.owner()))) {
          EnvironmentSummary summary = viewOf(e);
          if (query.status() == null || query.status() == summary.status()) {
            rows.add(summary);
          }
        }
        if (rows.size() > query.limit()) {
          break;
        }
      }
      return Page.of(rows, query.limit(), last -> last.environment().name().value());
    }
  }

  /** Whether {@code owner} declared the environment; callers hold the store's lock. */
  private boolean ownedBy(String name, String owner) {
    RegistryOwners.Owner o = store.ownersOf(RegistryOwners.Kind.ENVIRONMENT).get(name);
    return o != null && o.name().equals(owner);
  }

  @Override
  public List<EnvironmentReading> readings() {
    synchronized (store) {
      List<EnvironmentReading> readings = new ArrayList<>();
      for (Environment e : store.environments()) {
        List<Run> history = store.runs(e.name());
        Instant lastSuccess = null;
        for (Run r : history) {
          if ((r.status() == RunStatus.SUCCEEDED || r.status() == RunStatus.NO_OP)
              && r.finishedAt() != null
              && (lastSuccess == null || r.finishedAt().isAfter(lastSuccess))) {
            lastSuccess = r.finishedAt();
          }
        }
        RunStatus last = history.isEmpty() ? null : history.get(history.size() - 1).status();
        Instant checked = store.state(e.name()).lastCheckedAt();
        if (checked != null
            && last != RunStatus.FAILED
            && last != RunStatus.INTERRUPTED
            && (lastSuccess == null || checked.isAfter(lastSuccess))) {
          lastSuccess = checked;
        }
        readings.add(new EnvironmentReading(e.name(), store.get(e.name()).size(), lastSuccess));
      }
      return readings;
    }
  }

  @Override
  public EnvironmentState state(EnvironmentName name) {
    synchronized (store) {
      existing(name);
      return store.state(name);
    }
  }

  @Override
  public void recordPlaces(EnvironmentName name, Map<String, PlaceStatus> places) {
    synchronized (store) {
      existing(name);
      store.recordPlaces(name, places);
    }
  }

  @Override
  public Map<String, PlaceStatus> places(EnvironmentName name) {
    synchronized (store) {
      existing(name);
      return store.places(name);
    }
  }

  @Override
  public void recordChecked(
      EnvironmentName name, Revision head, boolean outOfSync, boolean drift, Instant at) {
    synchronized (store) {
      existing(name);
      store.recordChecked(name, head, outOfSync, drift, at);
    }
  }

  @Override
  public void recordApplied(
      EnvironmentLocks.Lease lease, Revision applied, Revision head, Health health, Instant at) {
    store.recordApplied(lease, applied, head, health, at);
  }

  @Override
  public void pin(EnvironmentName name, Pin pin) {
    InvalidInputException.checkLength("pinnedBy", pin.by(), 255);
    InvalidInputException.checkLength("reason", pin.reason(), 4096);
    synchronized (store) {
      existing(name);
      store.pin(name, pin);
    }
  }

  @Override
  public void unpin(EnvironmentName name) {
    synchronized (store) {
      existing(name);
      store.unpin(name);
    }
  }

  @Override
  public void setSuspended(EnvironmentName name, boolean suspended) {
    synchronized (store) {
      existing(name);
      store.setSuspended(name, suspended);
    }
  }

  @Override
  protected void erase(EnvironmentName name) {
    store.remove(name);
    notifications.forget(name);
  }

  @Override
  protected EnvironmentSummary viewOf(Environment environment) {
    EnvironmentName name = environment.name();
    List<Run> history = store.runs(name);
    RunSummary lastRun = history.isEmpty() ? null : runs.summary(history.get(history.size() - 1));
    EnvironmentState state = store.state(name);
    return new EnvironmentSummary(
        environment,
        state,
        EnvironmentStatus.of(state, lastRun == null ? null : lastRun.status()),
        lastRun,
        times.createdAt(name),
        times.updatedAt(name),
        notifications.targets(name).stream().map(NotificationTarget::summary).toList(),
        store.places(name));
  }

  @Override
  protected void checkReferences(Environment environment) {
    if (store.find(environment.source()).isEmpty()) {
      throw new NotFoundException("source", environment.source().value());
    }
    CredentialStore.checkLogin(environment, credentials::find);
  }

  @Override
  protected void validate(Environment environment) {
    InvalidInputException.checkLength("ref", environment.ref(), 1024);
    InvalidInputException.checkLength("path", environment.path(), 1024);
  }
}
