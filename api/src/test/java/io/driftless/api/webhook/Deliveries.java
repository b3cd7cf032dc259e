package io.driftless.api.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Push payloads from src/test/resources/webhooks, filled in and signed as each host does. */
final class Deliveries {
  private Deliveries() {}

  /** A delivery ready to post: provider path segment, headers and body. */
  record Delivery(String provider, Map<String, String> headers, byte[] body) {
    Delivery withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Delivery(provider, h, body);
    }
  }

  static String fixture(String name, String cloneUrl, String ref, String after) {
    try (InputStream in = Deliveries.class.getResourceAsStream("/webhooks/" + name)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String branch = ref.replaceFirst("^refs/(heads|tags)/", "");
      return text.replace("{{CLONE_URL}}", cloneUrl)
          .replace("{{SSH_URL}}", "git@git.example.invalid:acme/site.git")
          .replace("{{GIT_URL}}", "git://git.example.invalid/acme/site.git")
          .replace("{{WEB_URL}}", "https://git.example.invalid/acme/site")
          .replace("{{REF}}", ref)
          .replace("{{BRANCH}}", branch)
          .replace("{{AFTER}}", after);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A push to {@code ref} of the repository at {@code cloneUrl}, signed with {@code secret}. */
  static Delivery push(
      WebhookProvider provider, String cloneUrl, String ref, String after, String secret) {
    String id = UUID.randomUUID().toString();
    Map<String, String> headers = new LinkedHashMap<>();
    byte[] body;
    switch (provider) {
      case GITHUB -> {
        body = bytes(fixture("github-push.json", cloneUrl, ref, after));
        headers.put("X-GitHub-Event", "push");
        headers.put("X-GitHub-Delivery", id);
        headers.put("X-Hub-Signature-256", "sha256=" + Signatures.hmacSha256Hex(secret, body));
      }
      case GITLAB -> {
        body = bytes(fixture("gitlab-push.json", cloneUrl, ref, after));
        headers.put("X-Gitlab-Event", "Push Hook");
        headers.put("X-Gitlab-Event-UUID", id);
        headers.put("X-Gitlab-Token", secret);
      }
      case GITEA -> {
        body = bytes(fixture("gitea-push.json", cloneUrl, ref, after));
        headers.put("X-Gitea-Event", "push");
        headers.put("X-Gitea-Delivery", id);
        headers.put("X-Gitea-Signature", Signatures.hmacSha256Hex(secret, body));
      }
      case BITBUCKET -> {
        // Bitbucket Cloud names the repository by its web address only.
        body =
            bytes(
                fixture("bitbucket-cloud-push.json", cloneUrl, ref, after)
                    .replace("https://git.example.invalid/acme/site", cloneUrl));
        headers.put("X-Event-Key", "repo:push");
        headers.put("X-Request-UUID", id);
        headers.put("X-Hub-Signature", "sha256=" + Signatures.hmacSha256Hex(secret, body));
      }
      case GENERIC -> {
        body = bytes(fixture("generic-push.json", cloneUrl, ref, after));
        headers.put("X-Driftless-Delivery", id);
        headers.put("X-Signature", "sha256=" + Signatures.hmacSha256Hex(secret, body));
      }
      default -> throw new IllegalArgumentException(provider.name());
    }
    return new Delivery(provider.label(), headers, body);
  }

  /** Bitbucket Data Center's {@code repo:refs_changed}. */
  static Delivery bitbucketServerPush(String cloneUrl, String ref, String after, String secret) {
    byte[] body = bytes(fixture("bitbucket-server-push.json", cloneUrl, ref, after));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Event-Key", "repo:refs_changed");
    headers.put("X-Request-Id", UUID.randomUUID().toString());
    headers.put("X-Hub-Signature", "sha256=" + Signatures.hmacSha256Hex(secret, body));
    return new Delivery("bitbucket", headers, body);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
