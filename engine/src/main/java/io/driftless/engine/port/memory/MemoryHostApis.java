package io.driftless.engine.port.memory;

import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.HostApis;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.SourceStore;
import io.driftless.engine.port.query.HostApi;
import io.driftless.engine.port.query.HostApiView;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The Git host API of each source, in memory. */
public final class MemoryHostApis implements HostApis {
  private record Stored(HostApi api, Instant updatedAt) {}

  private final SourceStore sources;
  private final Clock clock;
  private final Map<SourceName, Stored> apis = new HashMap<>();

  /** {@code sources} says which sources exist. */
  public MemoryHostApis(SourceStore sources, Clock clock) {
    this.sources = sources;
    this.clock = clock;
  }

  @Override
  public synchronized HostApiView set(SourceName source, HostApi api) {
    if (sources.find(source).isEmpty()) {
      throw new NotFoundException("source", source.value());
    }
    Stored stored = new Stored(api, clock.instant().truncatedTo(ChronoUnit.MICROS));
    apis.put(source, stored);
    return view(stored);
  }

  @Override
  public synchronized Optional<HostApiView> view(SourceName source) {
    return Optional.ofNullable(apis.get(source)).map(MemoryHostApis::view);
  }

  @Override
  public synchronized Optional<HostApi> find(SourceName source) {
    return Optional.ofNullable(apis.get(source)).map(Stored::api);
  }

  @Override
  public synchronized boolean remove(SourceName source) {
    return apis.remove(source) != null;
  }

  /** Forgets a removed source's host API. */
  synchronized void forget(SourceName source) {
    apis.remove(source);
  }

  private static HostApiView view(Stored s) {
    return new HostApiView(s.api().type(), s.api().baseUrl(), s.api().repository(), s.updatedAt());
  }
}
