package io.driftless.engine.architecture;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Deliberately wrong, in the api module's test sources only: an engine class that reads JSON with
 * Jackson. {@code ArchitectureRulesTest} shows the engine rule catches it.
 */
public final class JacksonReadingPlanner {
  private final ObjectMapper json = new ObjectMapper();

  public String plan(Object desired) throws Exception {
    return json.writeValueAsString(desired);
  }
}
