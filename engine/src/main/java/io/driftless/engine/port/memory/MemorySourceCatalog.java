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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registered sources in memory, on the sources of a {@link MemoryStore}. */
public final class MemorySourceCatalog implements SourceCatalog {
  private record Times(Instant createdAt, Instant updatedAt) {}

  private final MemoryStore store;
  private final MemoryPreviews previews;
  private final MemoryHostApis hostApis;
  private final Clock clock;
  private final Map<SourceName, Times> times = new HashMap<>();

  /** A removed source takes its {@code previews} and {@code hostApis} with it. */
  public MemorySourceCatalog(
      MemoryStore store, MemoryPreviews previews, MemoryHostApis hostApis, Clock clock) {
    this.store = store;
    this.previews = previews;
    this.hostApis = hostApis;
    this.clock = clock;
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
      Instant now = now();
      store.put(source);
      times.put(source.name(), new Times(now, now));
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
      times.put(source.name(), new Times(times.get(source.name()).createdAt(), now()));
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
      return times.keySet().stream()
          .sorted(java.util.Comparator.comparing(SourceName::value))
          .map(n -> view(store.find(n).orElseThrow()))
          .toList();
    }
  }

  private SourceView view(Source source) {
    Times t = times.get(source.name());
    return new SourceView(
        source.name(),
        source.url(),
        GitAuth.label(source.auth()),
        source.writeAuth() == null ? null : GitAuth.label(source.writeAuth()),
        source.webhookSecret() != null,
        source.verify(),
        t == null ? null : t.createdAt(),
        t == null ? null : t.updatedAt());
  }

  private static void check(Source source) {
    InvalidInputException.checkLength("url", source.url(), 2048);
    if (source.webhookSecret() != null) {
      InvalidInputException.checkLength("webhookSecret", source.webhookSecret().reveal(), 1024);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
