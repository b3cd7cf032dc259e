package io.driftless.api.preview;

import io.dropwizard.util.Duration;
import java.net.URI;

/**
 * Pull-request previews.
 *
 * @param externalUrl the address people reach this server at ({@code
 *     https://driftless.example.com}), for the links in commit statuses and comments; none by
 *     default
 * @param workers threads that compute previews and call Git hosts, off webhook requests and runs
 * @param queueSize tasks waiting for a worker; beyond it a task is dropped and logged
 * @param hostAttempts tries of one Git host call that meets no answer, 429 or 5xx
 * @param hostBackoff the wait before the second try, growing by itself for each further one
 */
public record PreviewsConfig(
    String externalUrl,
    Integer workers,
    Integer queueSize,
    Integer hostAttempts,
    Duration hostBackoff) {
  public PreviewsConfig {
    workers = workers == null ? 2 : workers;
    queueSize = queueSize == null ? 200 : queueSize;
    hostAttempts = hostAttempts == null ? 3 : hostAttempts;
    hostBackoff = hostBackoff == null ? Duration.seconds(1) : hostBackoff;
    if (workers < 1 || queueSize < 1 || hostAttempts < 1) {
      throw new IllegalArgumentException(
          "previews.workers, previews.queueSize and previews.hostAttempts must be at least 1");
    }
    if (externalUrl != null && !externalUrl.isBlank()) {
      URI uri = URI.create(externalUrl.trim());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("previews.externalUrl must be an http(s) URL");
      }
      externalUrl = externalUrl.trim().replaceAll("/+$", "");
    } else {
      externalUrl = null;
    }
  }

  public static PreviewsConfig defaults() {
    return new PreviewsConfig(null, null, null, null, null);
  }
}
