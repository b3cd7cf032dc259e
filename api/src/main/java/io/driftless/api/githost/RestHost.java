package io.driftless.api.githost;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * What GitHub, Gitea and GitLab do alike over their REST APIs, written once: who the token is
 * (asked once and remembered), the one comment kept up to date on a pull request (the known one
 * while it is ours, else ours found by its marker, else a new one), lists read page by page, and an
 * open pull request taken when creating one conflicts with it. A subclass names the paths, the
 * fields and the verbs of its host.
 */
abstract class RestHost implements GitHost {
  private static final int MAX_PAGES = 20;

  protected final GitHostType type;
  protected final RestClient rest;
  private final HostIdentities identities;
  private final String identityKey;

  RestHost(GitHostType type, RestClient rest, HostIdentities identities, String identityKey) {
    this.type = type;
    this.rest = rest;
    this.identities = identities;
    this.identityKey = identityKey;
  }

  /** The path of the token's user, {@code GET}. */
  protected abstract String userPath();

  /** The path that lists the comments of pull request {@code pr} and creates one there. */
  protected abstract String commentsPath(long pr);

  /** The query that lists page {@code page} (from 1) of comments, {@link #pageSize()} a page. */
  protected abstract String commentsPage(int page);

  /** The path of comment {@code id} of pull request {@code pr}. */
  protected abstract String commentPath(long pr, String id);

  /** Who wrote {@code comment}, or null when it does not say. */
  protected abstract HostUser author(JsonNode comment);

  /** Whether a listed comment may be ours at all (GitLab's system notes are not). */
  protected boolean writable(JsonNode comment) {
    return true;
  }

  /** The verb that edits a comment or a pull request: {@code PATCH} or {@code PUT}. */
  protected abstract String editVerb();

  /** How many items the host gives a page. */
  protected abstract int pageSize();

  /** The path that lists pull requests and creates one; pull request {@code n} is at {@code /n}. */
  protected abstract String pullRequestsPath();

  /** The field holding a pull request's text: {@code body} or {@code description}. */
  protected abstract String descriptionField();

  /** The body that opens a pull request from {@code draft}, its text already cut to fit. */
  protected abstract Map<String, String> newPullRequest(PullRequestDraft draft, String text);

  /** Whether {@code status}, answering a create, says one is already open for these branches. */
  protected abstract boolean alreadyOpen(int status);

  /** A pull request as the host answers it. */
  protected abstract PullRequest readPullRequest(JsonNode node);

  @Override
  public HostUser self() {
    return identities.get(
        identityKey, () -> HostReplies.user(rest.send("GET", userPath(), null).body()));
  }

  @Override
  public int maxCommentLength() {
    return type.maxCommentLength();
  }

  @Override
  public String upsertComment(long pr, String knownId, String marker, String body) {
    Map<String, String> text = Map.of("body", body);
    HostUser me = HostReplies.selfIfTold(this);
    if (knownId != null
        && knownId.matches("\\d{1,19}")
        && (me == null || writtenBy(pr, knownId, me))) {
      try {
        rest.send(editVerb(), commentPath(pr, knownId), text);
        return knownId;
      } catch (GitHostException e) {
        if (e.status() != 404) {
          throw e;
        }
        // Deleted by someone: look for another one of ours, else write a new one.
      }
    }
    Optional<String> found =
        me == null
            ? Optional.empty()
            : firstListed(
                    page -> commentsPath(pr) + commentsPage(page),
                    comment ->
                        writable(comment)
                            && comment.path("body").asText("").contains(marker)
                            && me.is(author(comment)))
                .map(comment -> comment.path("id").asText());
    if (found.isPresent()) {
      rest.send(editVerb(), commentPath(pr, found.get()), text);
      return found.get();
    }
    return rest.send("POST", commentsPath(pr), text).body().path("id").asText();
  }

  /** Whether comment {@code id} still exists and {@code me} wrote it. */
  private boolean writtenBy(long pr, String id, HostUser me) {
    try {
      return me.is(author(rest.send("GET", commentPath(pr, id), null).body()));
    } catch (GitHostException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  /**
   * The first item {@code wanted} takes of a list read page by page ({@code pageOf} gives the path
   * of a page, from 1), up to {@value #MAX_PAGES} pages; a short page is the last one.
   */
  protected final Optional<JsonNode> firstListed(
      IntFunction<String> pageOf, Predicate<JsonNode> wanted) {
    for (int page = 1; page <= MAX_PAGES; page++) {
      JsonNode list = rest.send("GET", pageOf.apply(page), null).body();
      for (JsonNode item : list) {
        if (wanted.test(item)) {
          return Optional.of(item);
        }
      }
      if (list.size() < pageSize()) {
        break;
      }
    }
    return Optional.empty();
  }

  @Override
  public PullRequest createPullRequest(PullRequestDraft draft) {
    Map<String, String> body =
        newPullRequest(draft, HostReplies.cut(draft.body(), maxCommentLength()));
    try {
      return readPullRequest(rest.send("POST", pullRequestsPath(), body).body());
    } catch (GitHostException e) {
      if (alreadyOpen(e.status())) {
        return findOpenPullRequest(draft.head(), draft.base()).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  @Override
  public PullRequest editPullRequest(long number, String title, String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("title", PullRequestDraft.oneLine(title));
    fields.put(descriptionField(), HostReplies.cut(body == null ? "" : body, maxCommentLength()));
    return readPullRequest(rest.send(editVerb(), pullRequestsPath() + "/" + number, fields).body());
  }

  @Override
  public PullRequest pullRequest(long number) {
    return readPullRequest(rest.send("GET", pullRequestsPath() + "/" + number, null).body());
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
