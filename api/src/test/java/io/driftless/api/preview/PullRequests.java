package io.driftless.api.preview;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.engine.testing.TestGitRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.lib.Constants;

/**
 * A real Git repository with pull-request branches, and the pull-request deliveries of GitHub,
 * GitLab and Gitea for it, signed as each host signs them.
 */
public final class PullRequests implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final long BASE_REPOSITORY_ID = 42;
  static final long FORK_REPOSITORY_ID = 99;

  private final TestGitRepo repo;

  public PullRequests(Path dir) {
    this.repo = TestGitRepo.create(dir);
  }

  public String url() {
    return repo.url();
  }

  /** Writes files (null content deletes) on {@code branch}, created from main if new. */
  public String commit(String branch, Map<String, String> files) {
    return repo.commitOn(branch, files, "change " + branch).value();
  }

  /** Merges {@code branch} into main with a merge commit, as a host's merge button does. */
  String merge(String branch) {
    return repo.merge(branch, "Merge " + branch).value();
  }

  /** Serves {@code sha} only as {@code ref} (a fork's pull request): the branch goes away. */
  void onlyAs(String branch, String ref) {
    repo.updateRef(ref, repo.head(branch));
    repo.deleteRef(Constants.R_HEADS + branch);
  }

  /** A delivery to post: provider path segment, headers and body. */
  public record Delivery(String provider, Map<String, String> headers, byte[] body) {
    /** The same signed body under a new delivery id, as a replay of a captured event. */
    public Delivery withNewDeliveryId() {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.replaceAll(
          (name, value) -> name.endsWith("-Delivery") ? UUID.randomUUID().toString() : value);
      return new Delivery(provider, h, body);
    }
  }

  private ObjectNode repository() {
    ObjectNode repo = JSON.createObjectNode();
    repo.put("full_name", "acme/site");
    repo.put("clone_url", url());
    repo.put("html_url", "https://git.example.invalid/acme/site");
    return repo;
  }

  /** GitHub's {@code pull_request} event (opened, synchronize, reopened, closed...). */
  public Delivery github(String action, long number, String branch, String head, String secret) {
    return github(action, number, branch, head, secret, null);
  }

  /** GitHub's {@code pull_request} event with the pull request's {@code updated_at}. */
  public Delivery github(
      String action,
      long number,
      String branch,
      String head,
      String secret,
      java.time.Instant updatedAt) {
    return github(action, number, branch, head, secret, updatedAt, BASE_REPOSITORY_ID);
  }

  /** GitHub's {@code pull_request} event from a fork: its head lies in another repository. */
  public Delivery githubFork(String action, long number, String head, String secret) {
    return github(action, number, "main", head, secret, null, FORK_REPOSITORY_ID);
  }

  private Delivery github(
      String action,
      long number,
      String branch,
      String head,
      String secret,
      java.time.Instant updatedAt,
      long headRepository) {
    ObjectNode body = JSON.createObjectNode();
    body.put("action", action);
    body.put("number", number);
    ObjectNode pr = body.putObject("pull_request");
    pr.put("number", number);
    pr.put("state", "open");
    if (updatedAt != null) {
      pr.put("updated_at", updatedAt.toString());
    }
    heads(pr, branch, head, headRepository);
    body.set("repository", repository());
    byte[] bytes = bytes(body);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-GitHub-Event", "pull_request");
    headers.put("X-GitHub-Delivery", UUID.randomUUID().toString());
    headers.put("X-Hub-Signature-256", "sha256=" + hmac(secret, bytes));
    return new Delivery("github", headers, bytes);
  }

  /** GitHub's {@code push} event. */
  Delivery githubPush(String ref, String after, String secret) {
    ObjectNode body = JSON.createObjectNode();
    body.put("ref", ref);
    body.put("before", "0".repeat(39) + "1");
    body.put("after", after);
    body.set("repository", repository());
    byte[] bytes = bytes(body);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-GitHub-Event", "push");
    headers.put("X-GitHub-Delivery", UUID.randomUUID().toString());
    headers.put("X-Hub-Signature-256", "sha256=" + hmac(secret, bytes));
    return new Delivery("github", headers, bytes);
  }

  /** Gitea's {@code pull_request} event (opened, synchronized, reopened...). */
  Delivery gitea(String action, long number, String branch, String head, String secret) {
    ObjectNode body = JSON.createObjectNode();
    body.put("action", action);
    body.put("number", number);
    ObjectNode pr = body.putObject("pull_request");
    pr.put("number", number);
    heads(pr, branch, head, BASE_REPOSITORY_ID);
    body.set("repository", repository());
    byte[] bytes = bytes(body);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Gitea-Event", "pull_request");
    headers.put("X-Gitea-Delivery", UUID.randomUUID().toString());
    headers.put("X-Gitea-Signature", hmac(secret, bytes));
    return new Delivery("gitea", headers, bytes);
  }

  /** GitLab's {@code Merge Request Hook} (open, update, reopen, close...). */
  Delivery gitlab(String action, long iid, String branch, String head, String secret) {
    ObjectNode body = JSON.createObjectNode();
    body.put("object_kind", "merge_request");
    body.put("event_type", "merge_request");
    ObjectNode project = body.putObject("project");
    project.put("id", 42);
    project.put("path_with_namespace", "acme/site");
    project.put("git_http_url", url());
    project.put("web_url", "https://git.example.invalid/acme/site");
    ObjectNode mr = body.putObject("object_attributes");
    mr.put("iid", iid);
    mr.put("action", action);
    mr.put("state", "opened");
    mr.put("source_branch", branch);
    mr.put("target_branch", "main");
    mr.put("source_project_id", BASE_REPOSITORY_ID);
    mr.put("target_project_id", BASE_REPOSITORY_ID);
    mr.putObject("last_commit").put("id", head);
    byte[] bytes = bytes(body);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Gitlab-Event", "Merge Request Hook");
    headers.put("X-Gitlab-Event-UUID", UUID.randomUUID().toString());
    headers.put("X-Gitlab-Token", secret);
    return new Delivery("gitlab", headers, bytes);
  }

  /** GitHub's and Gitea's head and base of a pull request, each with its repository. */
  private static void heads(ObjectNode pr, String branch, String head, long headRepository) {
    ObjectNode headNode = pr.putObject("head").put("ref", branch).put("sha", head);
    headNode
        .putObject("repo")
        .put("id", headRepository)
        .put("full_name", headRepository == BASE_REPOSITORY_ID ? "acme/site" : "mallory/site");
    ObjectNode base = pr.putObject("base").put("ref", "main").put("sha", "0".repeat(40));
    base.putObject("repo").put("id", BASE_REPOSITORY_ID).put("full_name", "acme/site");
  }

  private static byte[] bytes(ObjectNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    repo.close();
  }
}
