package io.driftless.api.testing;

import static io.driftless.api.testing.FakeGitHost.message;
import static io.driftless.api.testing.FakeGitHost.page;
import static io.driftless.api.testing.FakeGitHost.perPage;
import static io.driftless.api.testing.FakeGitHost.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.api.testing.FakeGitHost.Pull;
import io.driftless.api.testing.FakeGitHost.Recorded;
import io.driftless.api.testing.FakeGitHost.Reply;
import io.driftless.api.testing.FakeGitHost.User;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The pull requests of {@link FakeGitHost}: GitHub's and Gitea's {@code /repos/{o}/{r}/pulls} and
 * GitLab's {@code /projects/{id}/merge_requests}, with each host's filters, refusals of a second
 * open one for the same branches (GitHub 422, Gitea 409, GitLab 409) and response shapes.
 */
final class FakePullRequests {
  private final Map<String, Pull> pulls = new ConcurrentHashMap<>();
  private final AtomicLong numbers = new AtomicLong(499);
  private final Function<String, User> self;

  /**
   * @param self the user each host's token acts as, the author of what the API opens
   */
  FakePullRequests(Function<String, User> self) {
    this.self = self;
  }

  List<Pull> list(String host, String repo) {
    return pulls.values().stream()
        .filter(p -> p.host().equals(host) && p.repo().equals(repo))
        .sorted(Comparator.comparingLong(Pull::number))
        .toList();
  }

  Pull get(String host, String repo, long number) {
    Pull pull = pulls.get(FakeGitHost.key(host, repo, number));
    if (pull == null) {
      throw new IllegalArgumentException("no pull request " + FakeGitHost.key(host, repo, number));
    }
    return pull;
  }

  Pull open(
      String host,
      String repo,
      String head,
      String headRepo,
      String base,
      String title,
      String body,
      User author) {
    return put(
        new Pull(
            host,
            repo,
            numbers.incrementAndGet(),
            head,
            headRepo,
            base,
            title,
            body,
            "open",
            null,
            author));
  }

  Pull put(Pull pull) {
    pulls.put(pull.key(), pull);
    return pull;
  }

  /** {@code /repos/{repo}/pulls} ({@code number} null) and {@code .../pulls/{number}}. */
  Reply githubStyle(Recorded request, String repo, String number, Map<String, String> query) {
    String host = request.host();
    String method = request.method();
    if (number != null) {
      return one(request, FakeGitHost.key(host, repo, Long.parseLong(number)), GITHUB_STYLE);
    }
    if (method.equals("GET")) {
      return new Reply(200, githubStyleList(host, repo, query));
    }
    if (!method.equals("POST")) {
      return new Reply(405, message("Method Not Allowed"));
    }
    String title = text(request, "title");
    String head = text(request, "head");
    String base = text(request, "base");
    if (title.isBlank() || head.isBlank() || base.isBlank()) {
      return new Reply(422, message("Validation Failed"));
    }
    String headRepo = repo;
    if (head.contains(":")) { // GitHub also takes owner:branch
      headRepo = head.substring(0, head.indexOf(':')) + repo.substring(repo.indexOf('/'));
      head = head.substring(head.indexOf(':') + 1);
    }
    if (openOf(host, repo, head, headRepo, base) != null) {
      return host.equals("gitea")
          ? new Reply(409, message("pull request already exists for these targets"))
          : new Reply(
              422,
              FakeHostShapes.validationFailed(
                  "A pull request already exists for "
                      + FakeGitHost.owner(headRepo)
                      + ":"
                      + head
                      + "."));
    }
    Pull created =
        open(host, repo, head, headRepo, base, title, text(request, "body"), self.apply(host));
    return new Reply(201, FakeHostShapes.pull(created, true));
  }

  /**
   * GitHub filters by {@code state} (open by default), {@code head} ({@code owner:branch}) and
   * {@code base}; Gitea by {@code state} only, at most 50 a page.
   */
  private com.fasterxml.jackson.databind.node.ArrayNode githubStyleList(
      String host, String repo, Map<String, String> query) {
    String state = query.getOrDefault("state", "open");
    String head = host.equals("github") ? query.get("head") : null;
    String base = host.equals("github") ? query.get("base") : null;
    List<Pull> matching =
        newestFirst(list(host, repo))
            .filter(
                p -> state.equals("all") || state.equals(FakeGitHost.open(p) ? "open" : "closed"))
            .filter(
                p -> head == null || head.equals(FakeGitHost.owner(p.headRepo()) + ":" + p.head()))
            .filter(p -> base == null || base.equals(p.base()))
            .toList();
    int size = Math.min(host.equals("gitea") ? 50 : 100, perPage(query, host));
    return page(matching, query, size, p -> FakeHostShapes.pull(p, host.equals("gitea")));
  }

  /**
   * {@code /projects/{project}/merge_requests} ({@code iid} null) and {@code .../{iid}}; the list
   * filters by {@code state} (all by default), {@code source_branch} and {@code target_branch}.
   */
  Reply gitlab(Recorded request, String project, String iid, Map<String, String> query) {
    String method = request.method();
    if (iid != null) {
      return one(request, FakeGitHost.key("gitlab", project, Long.parseLong(iid)), GITLAB);
    }
    if (method.equals("GET")) {
      String state = query.getOrDefault("state", "all");
      String source = query.get("source_branch");
      String target = query.get("target_branch");
      List<Pull> matching =
          newestFirst(list("gitlab", project))
              .filter(p -> state.equals("all") || state.equals(FakeHostShapes.gitlabState(p)))
              .filter(p -> source == null || source.equals(p.head()))
              .filter(p -> target == null || target.equals(p.base()))
              .toList();
      int size = Math.min(100, perPage(query, "gitlab"));
      return new Reply(200, page(matching, query, size, FakeHostShapes::mergeRequest));
    }
    if (!method.equals("POST")) {
      return new Reply(405, message("405 Method Not Allowed"));
    }
    String title = text(request, "title");
    String source = text(request, "source_branch");
    String target = text(request, "target_branch");
    if (title.isBlank() || source.isBlank() || target.isBlank()) {
      return new Reply(400, message("400 Bad request - title, source_branch and target_branch"));
    }
    Pull open = openOf("gitlab", project, source, project, target);
    if (open != null) {
      ObjectNode conflict = FakeGitHost.JSON.createObjectNode();
      conflict
          .putArray("message")
          .add(
              "Another open merge request already exists for this source branch: !"
                  + open.number());
      return new Reply(409, conflict);
    }
    Pull created =
        open(
            "gitlab",
            project,
            source,
            project,
            target,
            title,
            text(request, "description"),
            self.apply("gitlab"));
    return new Reply(201, FakeHostShapes.mergeRequest(created));
  }

  /**
   * How a host answers about one pull request: the verb that edits it, the field of its text, its
   * own 404 and 405 messages, and its shape.
   */
  private record Dialect(
      String editVerb,
      String textField,
      String notFound,
      String notAllowed,
      Function<Pull, JsonNode> shape) {}

  private static final Dialect GITHUB_STYLE =
      new Dialect(
          "PATCH", "body", "Not Found", "Method Not Allowed", p -> FakeHostShapes.pull(p, true));

  private static final Dialect GITLAB =
      new Dialect(
          "PUT",
          "description",
          "404 Not found",
          "405 Method Not Allowed",
          FakeHostShapes::mergeRequest);

  /** Pull request {@code key}: read, or its title and text edited with the host's verb. */
  private Reply one(Recorded request, String key, Dialect dialect) {
    Pull pull = pulls.get(key);
    if (pull == null) {
      return new Reply(404, message(dialect.notFound()));
    }
    if (request.method().equals(dialect.editVerb())) {
      pull =
          put(
              pull.with(
                  request.body().path("title").asText(pull.title()),
                  request.body().path(dialect.textField()).asText(pull.body()),
                  pull.state(),
                  pull.mergeCommit()));
    } else if (!request.method().equals("GET")) {
      return new Reply(405, message(dialect.notAllowed()));
    }
    return new Reply(200, dialect.shape().apply(pull));
  }

  private Pull openOf(String host, String repo, String head, String headRepo, String base) {
    return list(host, repo).stream()
        .filter(
            p ->
                FakeGitHost.open(p)
                    && p.head().equals(head)
                    && p.headRepo().equals(headRepo)
                    && p.base().equals(base))
        .findFirst()
        .orElse(null);
  }

  private static Stream<Pull> newestFirst(List<Pull> pulls) {
    return pulls.stream().sorted(Comparator.comparingLong(Pull::number).reversed());
  }
}
