package io.driftless.api.service;

import io.driftless.api.model.EnvironmentRequest;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Environment specs in their wire form, kept per environment while its spec is the same object: the
 * catalog hands out one parsed spec per spec version, so a long listing converts only the specs
 * that changed since the last one.
 */
final class SpecBodies {
  private static final int MAX_KEPT = 10_000;

  private record Kept(Environment spec, EnvironmentRequest body) {}

  private final ConcurrentHashMap<EnvironmentName, Kept> kept = new ConcurrentHashMap<>();

  EnvironmentRequest of(Environment spec) {
    Kept known = kept.get(spec.name());
    if (known != null && known.spec() == spec) {
      return known.body();
    }
    EnvironmentRequest body = EnvironmentRequest.from(spec);
    if (kept.size() >= MAX_KEPT) {
      kept.clear();
    }
    kept.put(spec.name(), new Kept(spec, body));
    return body;
  }
}
