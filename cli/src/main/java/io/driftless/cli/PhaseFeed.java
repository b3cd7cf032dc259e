package io.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.cli.client.ApiClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The {@code run.phase} events of one environment from {@code /api/v1/events}, opened before the
 * run is asked for so that no phase is missed; {@link RunWatcher} prints them as they come, and
 * falls back on the run's own record when the stream has nothing (an older server).
 */
final class PhaseFeed implements AutoCloseable {
  /** One finished phase of a run. */
  record Phase(long run, String phase, double seconds) {}

  private final ConcurrentLinkedQueue<Phase> phases = new ConcurrentLinkedQueue<>();
  private final AutoCloseable stream;

  private PhaseFeed(ApiClient api, String environment) {
    this.stream =
        api.stream(
            ApiClient.path("events") + ApiClient.query(Map.of("environment", environment)),
            this::line);
  }

  static PhaseFeed open(ApiClient api, String environment) {
    return new PhaseFeed(api, environment);
  }

  private void line(String line) {
    if (!line.startsWith("data:")) {
      return;
    }
    try {
      JsonNode event = ApiClient.json().readTree(line.substring(5).trim());
      if ("run.phase".equals(event.path("type").asText()) && event.hasNonNull("run")) {
        phases.add(
            new Phase(
                event.path("run").asLong(),
                event.path("phase").asText(),
                event.path("seconds").asDouble()));
      }
    } catch (IOException e) {
      // not an event this version understands: skip it
    }
  }

  /** The phases of {@code run} received since the last call. */
  List<Phase> drain(long run) {
    List<Phase> out = new ArrayList<>();
    for (Phase p; (p = phases.poll()) != null; ) {
      if (p.run() == run) {
        out.add(p);
      }
    }
    return out;
  }

  @Override
  public void close() {
    try {
      stream.close();
    } catch (Exception e) {
      // closing a best-effort stream
    }
  }
}
