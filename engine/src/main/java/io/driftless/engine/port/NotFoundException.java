package io.driftless.engine.port;

import java.util.Map;

/** A referenced object (source, environment, run, token) does not exist. */
public final class NotFoundException extends StoreException {
  public NotFoundException(String kind, String name) {
    super("not_found", kind + " '" + name + "' does not exist", Map.of("kind", kind, "name", name));
  }
}
