package io.driftless.api.webhook;

import io.driftless.engine.domain.Source;
import java.util.List;

/** Hears authentic pull-request deliveries; the previews hang off it. Must return quickly. */
public interface PullRequestListener {
  PullRequestListener NONE = (provider, sources, event) -> List.of();

  /**
   * Starts the previews of {@code event} for each source (computed off the request thread).
   *
   * @return where each preview can be read, one per source
   */
  List<String> pullRequest(WebhookProvider provider, List<Source> sources, PullRequestEvent event);

  /** The pull request of {@code event} was closed or merged: its previews start to age out. */
  default void closed(List<Source> sources, PullRequestEvent event) {}
}
