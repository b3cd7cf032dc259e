package io.driftless.api.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.api.testing.FakeGitHost.Comment;
import io.driftless.api.testing.FakeGitHost.Pull;
import io.driftless.api.testing.FakeGitHost.User;

/** The JSON shapes the hosts answer with, as their API documentation shows them (trimmed). */
final class FakeHostShapes {
  /**
   * What GitHub puts in {@code merge_commit_sha} while a pull request is open: its test merge, not
   * a commit of the base branch.
   */
  static final String TEST_MERGE = "7e57" + "0".repeat(36);

  private FakeHostShapes() {}

  /** {@code GET /user}: GitHub {@code login}; Gitea {@code login} and {@code username}; GitLab. */
  static ObjectNode user(String host, User user) {
    ObjectNode node = FakeGitHost.JSON.createObjectNode();
    node.put("id", user.id());
    if (host.equals("gitlab")) {
      node.put("username", user.login());
      node.put("name", user.login());
      node.put("state", "active");
    } else {
      node.put("login", user.login());
      if (host.equals("gitea")) {
        node.put("username", user.login());
      } else {
        node.put("type", "User");
      }
    }
    return node;
  }

  /** An issue comment of GitHub and Gitea. */
  static ObjectNode comment(Comment c) {
    ObjectNode node = FakeGitHost.JSON.createObjectNode();
    node.put("id", c.id());
    node.put("body", c.body());
    node.set("user", user("github", c.author()));
    return node;
  }

  /** A merge request note of GitLab. */
  static ObjectNode note(Comment c) {
    ObjectNode node = FakeGitHost.JSON.createObjectNode();
    node.put("id", c.id());
    node.put("body", c.body());
    node.put("system", false);
    node.put("noteable_type", "MergeRequest");
    node.set("author", user("gitlab", c.author()));
    return node;
  }

  /**
   * A pull request of GitHub and Gitea: state open or closed; merged ones closed with {@code
   * merged_at}, and {@code merged} where the host gives it (Gitea always, GitHub not in lists).
   */
  static ObjectNode pull(Pull p, boolean withMerged) {
    boolean merged = p.state().equals("merged");
    ObjectNode node = FakeGitHost.JSON.createObjectNode();
    node.put("id", 900_000 + p.number());
    node.put("number", p.number());
    node.put("state", FakeGitHost.open(p) ? "open" : "closed");
    node.put("title", p.title());
    node.put("body", p.body());
    node.put(
        "html_url",
        "https://"
            + p.host()
            + ".example.invalid/"
            + p.repo()
            + (p.host().equals("gitea") ? "/pulls/" : "/pull/")
            + p.number());
    node.set("user", user(p.host(), p.author()));
    ObjectNode head = node.putObject("head");
    head.put("ref", p.head());
    head.put("label", FakeGitHost.owner(p.headRepo()) + ":" + p.head());
    head.putObject("repo").put("full_name", p.headRepo());
    ObjectNode base = node.putObject("base");
    base.put("ref", p.base());
    base.put("label", FakeGitHost.owner(p.repo()) + ":" + p.base());
    base.putObject("repo").put("full_name", p.repo());
    if (merged) {
      node.put("merged_at", "2026-01-02T03:04:05Z");
      node.put("merge_commit_sha", p.mergeCommit());
    } else {
      node.putNull("merged_at");
      if (p.host().equals("github") && FakeGitHost.open(p)) {
        node.put("merge_commit_sha", TEST_MERGE);
      } else {
        node.putNull("merge_commit_sha");
      }
    }
    if (withMerged) {
      node.put("merged", merged);
    }
    return node;
  }

  /** GitLab's state names. */
  static String gitlabState(Pull p) {
    return FakeGitHost.open(p) ? "opened" : p.state();
  }

  /** A merge request of GitLab. */
  static ObjectNode mergeRequest(Pull p) {
    boolean merged = p.state().equals("merged");
    ObjectNode node = FakeGitHost.JSON.createObjectNode();
    node.put("id", 800_000 + p.number());
    node.put("iid", p.number());
    node.put("project_id", projectId(p.repo()));
    node.put("title", p.title());
    node.put("description", p.body());
    node.put("state", gitlabState(p));
    node.put("source_branch", p.head());
    node.put("target_branch", p.base());
    node.put("source_project_id", projectId(p.headRepo()));
    node.put("target_project_id", projectId(p.repo()));
    node.set("author", user("gitlab", p.author()));
    node.put(
        "web_url",
        "https://gitlab.example.invalid/" + p.repo() + "/-/merge_requests/" + p.number());
    node.put("sha", "4ead" + "0".repeat(36));
    if (merged) {
      node.put("merge_commit_sha", p.mergeCommit());
    } else {
      node.putNull("merge_commit_sha");
    }
    node.putNull("squash_commit_sha");
    return node;
  }

  static ObjectNode validationFailed(String why) {
    ObjectNode node = FakeGitHost.JSON.createObjectNode();
    node.put("message", "Validation Failed");
    node.putArray("errors")
        .addObject()
        .put("resource", "PullRequest")
        .put("code", "custom")
        .put("message", why);
    return node;
  }

  private static long projectId(String path) {
    return 1 + Math.floorMod(path.hashCode(), 100_000);
  }
}
