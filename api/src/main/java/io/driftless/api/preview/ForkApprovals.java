package io.driftless.api.preview;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.preview.PreviewResult.Trust;
import io.driftless.api.webhook.PullRequestEvent;
import io.driftless.engine.domain.ForkPreviews;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.PreviewStore;
import io.driftless.engine.port.SourceCatalog;
import io.driftless.engine.port.query.StoredPreview;
import java.util.Map;

/**
 * How far a pull request's head is trusted, and whether an operator may approve it: a head from the
 * base repository is trusted; a fork's is untrusted until approved at that exact SHA, and stays
 * approved only while the pull request stays there.
 */
record ForkApprovals(SourceCatalog sources, PreviewStore previews, ObjectMapper json) {

  /** The trust of an event's head: an untrusted head keeps an approval given at that head. */
  Trust trustOf(SourceName source, PullRequestEvent event) {
    if (!event.untrusted()) {
      return Trust.TRUSTED;
    }
    return previews
        .find(source, event.number())
        .filter(p -> p.head().equals(event.head()) && p.resultJson() != null)
        .map(p -> PreviewResult.read(json, p.resultJson()))
        .filter(r -> Trust.APPROVED.equals(r.trust()))
        .map(r -> Trust.approvedBy(r.approvedBy()))
        .orElse(Trust.UNTRUSTED);
  }

  /**
   * The preview an approval of {@code head} applies to.
   *
   * @throws NotFoundException when the source or the pull request's preview is unknown
   * @throws ConflictException when the pull request has moved to another head, is not from a fork,
   *     or the source's previews of forks are off
   */
  StoredPreview check(SourceName name, long pr, String head) {
    Source source =
        sources.find(name).orElseThrow(() -> new NotFoundException("source", name.value()));
    StoredPreview stored =
        previews
            .find(name, pr)
            .orElseThrow(() -> new NotFoundException("preview", name.value() + "#" + pr));
    if (source.forkPreviews() == ForkPreviews.OFF) {
      throw new ConflictException(
          "previews of pull requests from forks are off for source " + name,
          Map.of("source", name.value(), "field", "previews.forks"));
    }
    if (!stored.head().equals(head)) {
      throw new ConflictException(
          "pull request #" + pr + " has moved to " + stored.head() + "; approve that head",
          Map.of("head", stored.head()));
    }
    if (stored.resultJson() != null
        && Trust.TRUSTED.name().equals(PreviewResult.read(json, stored.resultJson()).trust())) {
      throw new ConflictException(
          "pull request #" + pr + " is not from a fork: its preview needs no approval",
          Map.of("head", head));
    }
    return stored;
  }
}
