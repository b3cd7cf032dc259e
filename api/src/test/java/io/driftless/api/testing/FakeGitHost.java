package io.driftless.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server that plays the REST APIs of GitHub ({@code /repos/...}), Gitea ({@code
 * /api/v1/repos/...}) and GitLab ({@code /api/v4/projects/...}) for the calls Driftless makes:
 * commit statuses, pull-request comments (with their authors), the token's user ({@code GET /user})
 * and pull requests (GitLab: merge requests; list with each host's filters, create, read, edit),
 * with their documented request and response shapes. It records every request and answers a wrong
 * token 401 as the hosts do. A test plays the other people on the host: {@link #addComment} writes
 * a comment as someone else, {@link #openPull} opens a pull request (from a fork too), and {@link
 * #merge} and {@link #close} end one.
 *
 * <p>Threads are named {@code github acme/site#7}, {@code gitea acme/site#5} and {@code gitlab
 * acme/site!3}; pull requests opened here are numbered from 500 on.
 */
public final class FakeGitHost implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern USER = Pattern.compile("^(/api/v1|/api/v4)?/user$");
  private static final Pattern GITHUB_STYLE =
      Pattern.compile(
          "^(/api/v1)?/repos/([^/]+/[^/]+)/(statuses/([0-9a-f]+)|issues/(\\d+)/comments"
              + "|issues/comments/(\\d+)|pulls|pulls/(\\d+))$");
  private static final Pattern GITLAB =
      Pattern.compile(
          "^/api/v4/projects/([^/]+)/(statuses/([0-9a-f]+)|merge_requests/(\\d+)/notes(/(\\d+))?"
              + "|merge_requests|merge_requests/(\\d+))$");

  /** An account on the host. */
  public record User(long id, String login) {}

  /** The user every host's token acts as, unless a test says otherwise. */
  public static final User BOT = new User(4242, "driftless-bot");

  /** Someone else: a reviewer, or an attacker writing comments with Driftless's marker. */
  public static final User STRANGER = new User(666, "mallory");

  /** One request as it arrived. */
  public record Recorded(String method, String path, String query, String auth, JsonNode body) {
    public String host() {
      return path.startsWith("/api/v4/")
          ? "gitlab"
          : path.startsWith("/api/v1/") ? "gitea" : "github";
    }

    public boolean isStatus() {
      return path.contains("/statuses/");
    }

    public String sha() {
      return path.substring(path.lastIndexOf('/') + 1);
    }

    public String context() {
      return body.path(host().equals("gitlab") ? "name" : "context").asText();
    }

    public String state() {
      return body.path("state").asText();
    }
  }

  /** A stored comment: which pull request's, its body and who wrote it. */
  public record Comment(long id, String thread, String body, User author) {}

  /**
   * A pull request (GitLab: merge request).
   *
   * @param headRepo the repository its head branch is in: {@code repo} itself, or a fork
   * @param state {@code open}, {@code closed} or {@code merged}
   * @param mergeCommit the commit that landed; null unless merged
   */
  public record Pull(
      String host,
      String repo,
      long number,
      String head,
      String headRepo,
      String base,
      String title,
      String body,
      String state,
      String mergeCommit,
      User author) {
    String key() {
      return FakeGitHost.key(host, repo, number);
    }

    Pull with(String title, String body, String state, String mergeCommit) {
      return new Pull(
          host, repo, number, head, headRepo, base, title, body, state, mergeCommit, author);
    }
  }

  private final HttpServer server;
  private final Map<String, String> tokens;
  private final Map<String, User> selves = new ConcurrentHashMap<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Map<Long, Comment> comments = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(1000);
  private final AtomicInteger failures = new AtomicInteger();
  private final Map<String, Boolean> hiddenSelves = new ConcurrentHashMap<>();
  private final FakePullRequests pullRequests = new FakePullRequests(this::self);

  /**
   * @param tokens the token each host accepts: keys github, gitlab, gitea
   */
  public FakeGitHost(Map<String, String> tokens) throws IOException {
    this.tokens = Map.copyOf(tokens);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@link #FakeGitHost(Map)} for a static field: a failure to listen fails the test class. */
  public static FakeGitHost serving(Map<String, String> tokens) {
    try {
      return new FakeGitHost(tokens);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  public List<Recorded> statuses(String sha) {
    return requests.stream().filter(r -> r.isStatus() && r.sha().equals(sha)).toList();
  }

  /** How many requests had this method and path (without the query). */
  public long count(String method, String path) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .count();
  }

  /** The comments of one thread, oldest first, e.g. {@code github acme/site#7}. */
  public List<Comment> comments(String thread) {
    return comments.values().stream()
        .filter(c -> c.thread().equals(thread))
        .sorted(Comparator.comparingLong(Comment::id))
        .toList();
  }

  /** The next {@code n} requests are answered 502, as a host in trouble does. */
  public void failNext(int n) {
    failures.set(n);
  }

  /** The user {@code host}'s token acts as: {@link #BOT} unless {@link #actAs} changed it. */
  public User self(String host) {
    return selves.getOrDefault(host, BOT);
  }

  /** From now on {@code host}'s token is {@code user} (another bot account, a person). */
  public void actAs(String host, User user) {
    selves.put(host, user);
  }

  /**
   * From now on {@code GET /user} on {@code host} is refused 403, as GitHub refuses a GitHub App's
   * installation token ("Resource not accessible by integration").
   */
  public void hideSelf(String host) {
    hiddenSelves.put(host, true);
  }

  /** Writes a comment on {@code thread} as {@code author}, as someone on the host would. */
  public Comment addComment(String thread, String body, User author) {
    return store(new Comment(ids.incrementAndGet(), thread, body, author));
  }

  /** The pull requests of {@code repo} on {@code host}, oldest first. */
  public List<Pull> pulls(String host, String repo) {
    return pullRequests.list(host, repo);
  }

  public Pull pull(String host, String repo, long number) {
    return pullRequests.get(host, repo, number);
  }

  /** Someone opens a pull request from {@code headRepo} (a fork, or {@code repo} itself). */
  public Pull openPull(
      String host,
      String repo,
      String head,
      String headRepo,
      String base,
      String title,
      User author) {
    return pullRequests.open(host, repo, head, headRepo, base, title, "", author);
  }

  /** A reviewer merges the pull request; {@code commit} is what landed on the base branch. */
  public Pull merge(String host, String repo, long number, String commit) {
    Pull pull = pull(host, repo, number);
    return pullRequests.put(pull.with(pull.title(), pull.body(), "merged", commit));
  }

  /** A reviewer closes the pull request without merging it. */
  public Pull close(String host, String repo, long number) {
    Pull pull = pull(host, repo, number);
    return pullRequests.put(pull.with(pull.title(), pull.body(), "closed", null));
  }

  static String key(String host, String repo, long number) {
    return host + " " + repo + (host.equals("gitlab") ? "!" : "#") + number;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      byte[] raw = exchange.getRequestBody().readAllBytes();
      JsonNode body = raw.length == 0 ? MissingNode.getInstance() : JSON.readTree(raw);
      String auth =
          path.startsWith("/api/v4/")
              ? exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN")
              : exchange.getRequestHeaders().getFirst("Authorization");
      Recorded request = new Recorded(method, path, query, auth, body);
      requests.add(request);
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        send(exchange, 502, message("Bad Gateway"));
        return;
      }
      String expected =
          switch (request.host()) {
            case "github" -> "Bearer " + tokens.get("github");
            case "gitea" -> "token " + tokens.get("gitea");
            default -> tokens.get("gitlab");
          };
      if (!expected.equals(auth)) {
        send(exchange, 401, message("Bad credentials"));
        return;
      }
      Matcher user = USER.matcher(path);
      Matcher gh = GITHUB_STYLE.matcher(path);
      Matcher gl = GITLAB.matcher(path);
      Reply reply;
      if (user.matches() && method.equals("GET")) {
        reply =
            hiddenSelves.containsKey(request.host())
                ? new Reply(403, message("Resource not accessible by integration"))
                : new Reply(200, FakeHostShapes.user(request.host(), self(request.host())));
      } else if (gh.matches()) {
        reply = githubStyle(request, gh, query(query));
      } else if (gl.matches()) {
        reply = gitlab(request, gl, query(query));
      } else {
        reply = notFound();
      }
      send(exchange, reply.status(), reply.body());
    }
  }

  record Reply(int status, JsonNode body) {}

  private Reply githubStyle(Recorded request, Matcher m, Map<String, String> query) {
    String host = request.host();
    String repo = m.group(2);
    String method = request.method();
    if (m.group(4) != null && method.equals("POST")) {
      ObjectNode status = JSON.createObjectNode();
      status.put("id", ids.incrementAndGet());
      status.put("state", request.state());
      status.put("context", request.body().path("context").asText("default"));
      status.put("description", request.body().path("description").asText(null));
      status.put("target_url", request.body().path("target_url").asText(null));
      return new Reply(201, status);
    }
    if (m.group(5) != null) {
      String thread = host + " " + repo + "#" + m.group(5);
      if (method.equals("GET")) {
        int size = Math.min(host.equals("gitea") ? 50 : 100, perPage(query, host));
        return new Reply(200, page(comments(thread), query, size, c -> FakeHostShapes.comment(c)));
      }
      if (method.equals("POST")) {
        Comment c = addComment(thread, text(request, "body"), self(host));
        return new Reply(201, FakeHostShapes.comment(c));
      }
      return new Reply(405, message("Method Not Allowed"));
    }
    if (m.group(6) != null) {
      Comment old = comments.get(Long.parseLong(m.group(6)));
      if (old == null || !old.thread().startsWith(host + " " + repo + "#")) {
        return notFound();
      }
      if (method.equals("GET")) {
        return new Reply(200, FakeHostShapes.comment(old));
      }
      if (method.equals("PATCH")) {
        Comment c = store(new Comment(old.id(), old.thread(), text(request, "body"), old.author()));
        return new Reply(200, FakeHostShapes.comment(c));
      }
      return new Reply(405, message("Method Not Allowed"));
    }
    return pullRequests.githubStyle(request, repo, m.group(7), query);
  }

  private Reply gitlab(Recorded request, Matcher m, Map<String, String> query) {
    String project = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    String method = request.method();
    if (m.group(3) != null && method.equals("POST")) {
      ObjectNode status = JSON.createObjectNode();
      status.put("id", ids.incrementAndGet());
      status.put("sha", m.group(3));
      status.put("status", request.state());
      status.put("name", request.body().path("name").asText("default"));
      status.put("description", request.body().path("description").asText(null));
      return new Reply(201, status);
    }
    if (m.group(4) != null) {
      return notes(request, "gitlab " + project + "!" + m.group(4), m.group(6), query);
    }
    return pullRequests.gitlab(request, project, m.group(7), query);
  }

  private Reply notes(Recorded request, String thread, String noteId, Map<String, String> query) {
    String method = request.method();
    if (noteId == null) {
      if (method.equals("GET")) {
        return new Reply(
            200,
            page(
                comments(thread),
                query,
                Math.min(100, perPage(query, "gitlab")),
                FakeHostShapes::note));
      }
      if (method.equals("POST")) {
        return new Reply(
            201, FakeHostShapes.note(addComment(thread, text(request, "body"), self("gitlab"))));
      }
      return new Reply(405, message("405 Method Not Allowed"));
    }
    Comment old = comments.get(Long.parseLong(noteId));
    if (old == null || !old.thread().equals(thread)) {
      return new Reply(404, message("404 Not found"));
    }
    if (method.equals("GET")) {
      return new Reply(200, FakeHostShapes.note(old));
    }
    if (method.equals("PUT")) {
      Comment c = store(new Comment(old.id(), thread, text(request, "body"), old.author()));
      return new Reply(200, FakeHostShapes.note(c));
    }
    return new Reply(405, message("405 Method Not Allowed"));
  }

  static boolean open(Pull p) {
    return p.state().equals("open");
  }

  static String owner(String repo) {
    return repo.substring(0, repo.indexOf('/'));
  }

  static <T> ArrayNode page(
      List<T> items,
      Map<String, String> query,
      int size,
      java.util.function.Function<T, JsonNode> shape) {
    int page = Math.max(1, Integer.parseInt(query.getOrDefault("page", "1")));
    ArrayNode list = JSON.createArrayNode();
    items.stream().skip((long) (page - 1) * size).limit(size).map(shape).forEach(list::add);
    return list;
  }

  /** The page size asked for: GitHub and GitLab {@code per_page}, Gitea {@code limit}. */
  static int perPage(Map<String, String> query, String host) {
    String asked = query.get(host.equals("gitea") ? "limit" : "per_page");
    int fallback = host.equals("gitlab") ? 20 : 30;
    return asked == null ? fallback : Math.max(1, Integer.parseInt(asked));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.put(name, value);
    }
    return query;
  }

  private Comment store(Comment c) {
    comments.put(c.id(), c);
    return c;
  }

  static String text(Recorded request, String field) {
    return request.body().path(field).asText("");
  }

  static ObjectNode message(String text) {
    return JSON.createObjectNode().put("message", text);
  }

  static Reply notFound() {
    return new Reply(404, message("Not Found"));
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
