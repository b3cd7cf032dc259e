package io.driftless.engine.port.memory;

import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.SourceCatalog;
import io.driftless.engine.port.query.SourceView;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registered sources in memory, on the sources of a {@link MemoryStore}. */
public final class MemorySourceCatalog implements SourceCatalog {
  private final MemoryStore store;
  private final MemoryPreviews previews;
  private final MemoryHostApis hostApis;
  private final Timestamps<SourceName> times;

  /** A removed source takes its {@code previews} and {@code hostApis} with it. */
  public MemorySourceCatalog(
      MemoryStore store, MemoryPreviews previews, MemoryHostApis hostApis, Clock clock) {
    this.store = store;
    this.previews = previews;
    this.hostApis = hostApis;
    this.times = new Timestamps<>(clock);
  }

  @Override
  public Optional<Source> find(SourceName name) {
    return store.find(name);
  }

  @Override
  public SourceView register(Source source) {
    check(source);
    synchronized (store) {
      if (store.find(source.name()).isPresent()) {
        throw new ConflictException(
            "a source named '" + source.name() + "' already exists",
            Map.of("source", source.name().value(), "field", "name"));
      }
      store.put(source);
      times.created(source.name());
      return view(source);
    }
  }

  @Override
  public SourceView update(Source source) {
    check(source);
    synchronized (store) {
      if (store.find(source.name()).isEmpty()) {
        throw new NotFoundException("source", source.name().value());
      }
      store.put(source);
      times.updated(source.name());
      return view(source);
    }
  }

  @Override
  public void delete(SourceName name) {
    synchronized (store) {
      if (store.find(name).isEmpty()) {
        throw new NotFoundException("source", name.value());
      }
      List<String> users =
          store.environments().stream()
              .filter(e -> e.source().equals(name))
              .map(e -> e.name().value())
              .limit(10)
              .toList();
      if (!users.isEmpty()) {
        throw new ConflictException(
            "source '" + name + "' is used by environments: " + String.join(", ", users),
            Map.of("source", name.value(), "environments", String.join(",", users)));
      }
      store.remove(name);
      previews.forget(name);
      hostApis.forget(name);
      times.remove(name);
    }
  }

  @Override
  public Optional<SourceView> view(SourceName name) {
    synchronized (store) {
      return store.find(name).map(this::view);
    }
  }

  @Override
  public List<SourceView> list() {
    synchronized (store) {
      return times.keys().stream()
          .sorted(java.util.Comparator.comparing(SourceName::value))
          .map(n -> view(store.find(n).orElseThrow()))
          .toList();
    }
  }

  private SourceView view(Source source) {
    return new SourceView(
        source.name(),
        source.url(),
        GitAuth.label(source.auth()),
        source.writeAuth() == null ? null : GitAuth.label(source.writeAuth()),
        source.webhookSecret() != null,
        source.verify(),
        source.forkPreviews(),
        times.createdAt(source.name()),
        times.updatedAt(source.name()));
  }

  private static void check(Source source) {
    InvalidInputException.checkLength("url", source.url(), 2048);
    if (source.webhookSecret() != null) {
      InvalidInputException.checkLength("webhookSecret", source.webhookSecret().reveal(), 1024);
    }
  }
}
