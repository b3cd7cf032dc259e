package io.driftless.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.webhook.PushEvent.RefUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Git hosts that can deliver pushes, each with its own signature header, delivery id header and
 * payload shape. Header maps are case-insensitive.
 */
public enum WebhookProvider {
  /** {@code X-Hub-Signature-256: sha256=<hex>}, an HMAC-SHA256 of the body. */
  GITHUB {
    @Override
    boolean authentic(Map<String, String> headers, byte[] body, String secret) {
      return prefixedHmac(headers.get("X-Hub-Signature-256"), body, secret);
    }

    @Override
    String deliveryId(Map<String, String> headers) {
      return headers.get("X-GitHub-Delivery");
    }

    @Override
    PushEvent read(Map<String, String> headers, JsonNode payload) {
      return githubShaped(headers.get("X-GitHub-Event"), payload, "synchronize");
    }
  },
  /** {@code X-Gitlab-Token}: the secret itself, sent in clear over TLS. */
  GITLAB {
    @Override
    boolean authentic(Map<String, String> headers, byte[] body, String secret) {
      return Signatures.tokenMatches(secret, headers.get("X-Gitlab-Token"));
    }

    @Override
    String deliveryId(Map<String, String> headers) {
      // Idempotency-Key (GitLab 17.4+) is kept across retries; the event UUID before that.
      String key = headers.get("Idempotency-Key");
      return key != null ? key : headers.get("X-Gitlab-Event-UUID");
    }

    @Override
    PushEvent read(Map<String, String> headers, JsonNode payload) {
      List<String> urls = new ArrayList<>();
      for (String object : List.of("project", "repository")) {
        JsonNode node = payload.path(object);
        for (String field :
            List.of("git_http_url", "git_ssh_url", "http_url", "ssh_url", "web_url", "url")) {
          text(node.path(field)).ifPresent(urls::add);
        }
      }
      String kind = payload.path("object_kind").asText("");
      if (kind.equals("merge_request")) {
        JsonNode mr = payload.path("object_attributes");
        String action = mr.path("action").asText("");
        boolean closed = CLOSED_GITLAB_ACTIONS.contains(action);
        if (!closed && !PREVIEWED_GITLAB_ACTIONS.contains(action)) {
          return PushEvent.notAPush(urls);
        }
        long iid = mr.path("iid").asLong(0);
        return PushEvent.pullRequest(
            urls,
            new PullRequestEvent(
                iid,
                mr.path("target_branch").asText(""),
                mr.path("last_commit").path("id").asText(""),
                "refs/merge-requests/" + iid + "/head",
                PullRequestEvent.time(mr.path("updated_at").asText(null)),
                closed,
                !mr.path("source_project_id").isNumber()
                    || mr.path("source_project_id").asLong()
                        != mr.path("target_project_id").asLong(-1)));
      }
      if (!kind.equals("push") && !kind.equals("tag_push")) {
        return PushEvent.notAPush(urls);
      }
      return new PushEvent(true, urls, update(payload.path("ref"), payload.path("after")));
    }
  },
  /** {@code X-Gitea-Signature: <hex>}, an HMAC-SHA256 of the body; GitHub's payload shape. */
  GITEA {
    @Override
    boolean authentic(Map<String, String> headers, byte[] body, String secret) {
      return Signatures.hmacSha256Matches(secret, body, headers.get("X-Gitea-Signature"));
    }

    @Override
    String deliveryId(Map<String, String> headers) {
      return headers.get("X-Gitea-Delivery");
    }

    @Override
    PushEvent read(Map<String, String> headers, JsonNode payload) {
      String event = headers.get("X-Gitea-Event");
      // Gitea names a new head "synchronized", and some versions send pull_request_sync.
      return githubShaped(
          "pull_request_sync".equals(event) ? "pull_request" : event, payload, "synchronized");
    }
  },
  /**
   * {@code X-Hub-Signature: sha256=<hex>}. Bitbucket Cloud sends {@code repo:push}, Bitbucket Data
   * Center {@code repo:refs_changed}; both are read.
   */
  BITBUCKET {
    @Override
    boolean authentic(Map<String, String> headers, byte[] body, String secret) {
      return prefixedHmac(headers.get("X-Hub-Signature"), body, secret);
    }

    @Override
    String deliveryId(Map<String, String> headers) {
      String cloud = headers.get("X-Request-UUID");
      return cloud != null ? cloud : headers.get("X-Request-Id");
    }

    @Override
    PushEvent read(Map<String, String> headers, JsonNode payload) {
      List<String> urls = new ArrayList<>();
      JsonNode links = payload.path("repository").path("links");
      text(links.path("html").path("href")).ifPresent(urls::add);
      for (JsonNode clone : links.path("clone")) {
        text(clone.path("href")).ifPresent(urls::add);
      }
      String event = headers.getOrDefault("X-Event-Key", "");
      List<RefUpdate> updates = new ArrayList<>();
      if (event.equals("repo:push")) {
        for (JsonNode change : payload.path("push").path("changes")) {
          JsonNode now = change.path("new");
          String type = now.path("type").asText("");
          String name = now.path("name").asText("");
          if (name.isEmpty() || !(type.equals("branch") || type.equals("tag"))) {
            continue; // a deleted ref has "new": null
          }
          String prefix = type.equals("branch") ? "refs/heads/" : "refs/tags/";
          updates.add(
              new RefUpdate(prefix + name, text(now.path("target").path("hash")).orElse(null)));
        }
      } else if (event.equals("repo:refs_changed")) {
        for (JsonNode change : payload.path("changes")) {
          if (change.path("type").asText("").equals("DELETE")) {
            continue;
          }
          updates.addAll(update(change.path("ref").path("id"), change.path("toHash")));
        }
      } else {
        return PushEvent.notAPush(urls);
      }
      return new PushEvent(true, urls, updates);
    }
  },
  /**
   * Any other system: {@code X-Signature: sha256=<hex>} over {@code {"repository": url, "ref":
   * "refs/heads/...", "after": sha}}, the delivery id in {@code X-Driftless-Delivery}.
   */
  GENERIC {
    @Override
    boolean authentic(Map<String, String> headers, byte[] body, String secret) {
      return prefixedHmac(headers.get("X-Signature"), body, secret);
    }

    @Override
    String deliveryId(Map<String, String> headers) {
      return headers.get("X-Driftless-Delivery");
    }

    @Override
    PushEvent read(Map<String, String> headers, JsonNode payload) {
      List<String> urls = text(payload.path("repository")).map(List::of).orElse(List.of());
      return new PushEvent(true, urls, update(payload.path("ref"), payload.path("after")));
    }
  };

  private static final String ZERO = "0".repeat(40);
  private static final java.util.Set<String> PREVIEWED_GITLAB_ACTIONS =
      java.util.Set.of("open", "reopen", "update");
  private static final java.util.Set<String> CLOSED_GITLAB_ACTIONS =
      java.util.Set.of("close", "merge");

  /** The provider named in the path, {@code github} and so on. */
  public static Optional<WebhookProvider> named(String name) {
    for (WebhookProvider p : values()) {
      if (p.label().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The lower-case name used in paths, metrics and trigger actors. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the delivery was signed (or carries the token) for {@code secret}. */
  abstract boolean authentic(Map<String, String> headers, byte[] body, String secret);

  /** The host's id of this delivery, kept across its retries; null when it sends none. */
  abstract String deliveryId(Map<String, String> headers);

  /**
   * What the payload says. Throws {@link IllegalArgumentException} for a payload that cannot be a
   * delivery of this host.
   */
  abstract PushEvent read(Map<String, String> headers, JsonNode payload);

  private static boolean prefixedHmac(String header, byte[] body, String secret) {
    if (header == null || !header.startsWith("sha256=")) {
      return false;
    }
    return Signatures.hmacSha256Matches(secret, body, header.substring("sha256=".length()));
  }

  /**
   * GitHub and Gitea: pushes ({@code ref}, {@code after}, {@code deleted}), pull requests opened,
   * reopened or moved ({@code synchronize}), and repository URLs.
   */
  private static PushEvent githubShaped(String event, JsonNode payload, String moved) {
    List<String> urls = new ArrayList<>();
    JsonNode repository = payload.path("repository");
    for (String field : List.of("clone_url", "ssh_url", "git_url", "html_url", "url")) {
      text(repository.path(field)).ifPresent(urls::add);
    }
    if ("pull_request".equals(event)) {
      String action = payload.path("action").asText("");
      boolean closed = action.equals("closed");
      if (!closed
          && !action.equals("opened")
          && !action.equals("reopened")
          && !action.equals(moved)) {
        return PushEvent.notAPush(urls);
      }
      JsonNode pr = payload.path("pull_request");
      long number = payload.path("number").asLong(pr.path("number").asLong(0));
      return PushEvent.pullRequest(
          urls,
          new PullRequestEvent(
              number,
              pr.path("base").path("ref").asText(""),
              pr.path("head").path("sha").asText(""),
              "refs/pull/" + number + "/head",
              PullRequestEvent.time(pr.path("updated_at").asText(null)),
              closed,
              !PullRequestEvent.sameRepository(
                  pr.path("head").path("repo"), pr.path("base").path("repo"))));
    }
    if (!"push".equals(event)) {
      return PushEvent.notAPush(urls);
    }
    if (payload.path("deleted").asBoolean(false)) {
      return new PushEvent(true, urls, List.of());
    }
    return new PushEvent(true, urls, update(payload.path("ref"), payload.path("after")));
  }

  private static List<RefUpdate> update(JsonNode ref, JsonNode after) {
    String name = text(ref).orElseThrow(() -> new IllegalArgumentException("no ref"));
    String revision = text(after).orElse(null);
    if (ZERO.equals(revision)) {
      return List.of(); // the ref was deleted
    }
    return List.of(new RefUpdate(name, revision));
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank()
        ? Optional.of(node.asText())
        : Optional.empty();
  }
}
