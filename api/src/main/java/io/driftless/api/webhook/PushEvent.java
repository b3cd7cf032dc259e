package io.driftless.api.webhook;

import java.util.List;
import java.util.Objects;

/**
 * What a Git host's delivery says, read from its payload before anything is trusted: which
 * repository, and which refs moved to which revisions.
 *
 * @param push false for deliveries that are not pushes (GitHub's ping, other events)
 * @param repositoryUrls every URL the payload gives for the repository (https, ssh, web)
 * @param updates the refs the push moved; a deleted ref is left out
 * @param pullRequest a pull request to preview; null for pushes and other events
 */
public record PushEvent(
    boolean push,
    List<String> repositoryUrls,
    List<RefUpdate> updates,
    PullRequestEvent pullRequest) {
  public PushEvent {
    repositoryUrls = List.copyOf(repositoryUrls);
    updates = List.copyOf(updates);
  }

  public PushEvent(boolean push, List<String> repositoryUrls, List<RefUpdate> updates) {
    this(push, repositoryUrls, updates, null);
  }

  public static PushEvent notAPush(List<String> repositoryUrls) {
    return new PushEvent(false, repositoryUrls, List.of());
  }

  /** A pull request opened, reopened or moved to a new head. */
  public static PushEvent pullRequest(List<String> repositoryUrls, PullRequestEvent pullRequest) {
    return new PushEvent(false, repositoryUrls, List.of(), pullRequest);
  }

  /**
   * One ref moved by a push.
   *
   * @param ref the full ref name, {@code refs/heads/main} or {@code refs/tags/v1}
   * @param revision the commit it points at now; may be null when the payload does not say
   */
  public record RefUpdate(String ref, String revision) {
    public RefUpdate {
      Objects.requireNonNull(ref, "ref");
      if (!ref.startsWith("refs/")) {
        throw new IllegalArgumentException("not a full ref name: " + ref);
      }
    }

    /** Whether an environment following {@code environmentRef} follows this ref. */
    public boolean movesRef(String environmentRef) {
      return ref.equals(environmentRef)
          || ref.equals("refs/heads/" + environmentRef)
          || ref.equals("refs/tags/" + environmentRef);
    }
  }
}
