package io.driftless.api.preview;

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
import java.nio.charset.StandardCharsets;
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
 * /api/v1/repos/...}) and GitLab ({@code /api/v4/projects/...}) for commit statuses and
 * pull-request comments, with their documented request and response shapes, and records every
 * request. A wrong token is answered 401 as the hosts do.
 */
final class FakeGitHost implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern GITHUB_STYLE =
      Pattern.compile(
          "^(/api/v1)?/repos/([^/]+/[^/]+)/(statuses/([0-9a-f]+)|issues/(\\d+)/comments"
              + "|issues/comments/(\\d+))$");
  private static final Pattern GITLAB =
      Pattern.compile(
          "^/api/v4/projects/([^/]+)/(statuses/([0-9a-f]+)|merge_requests/(\\d+)/notes(/(\\d+))?)$");

  /** One request as it arrived. */
  record Recorded(String method, String path, String query, String auth, JsonNode body) {
    String host() {
      return path.startsWith("/api/v4/")
          ? "gitlab"
          : path.startsWith("/api/v1/") ? "gitea" : "github";
    }

    boolean isStatus() {
      return path.contains("/statuses/");
    }

    String sha() {
      return path.substring(path.lastIndexOf('/') + 1);
    }

    String context() {
      return body.path(host().equals("gitlab") ? "name" : "context").asText();
    }

    String state() {
      return body.path("state").asText();
    }
  }

  /** A stored comment: which pull request's, and its body. */
  record Comment(long id, String thread, String body) {}

  private final HttpServer server;
  private final Map<String, String> tokens;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Map<Long, Comment> comments = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(1000);
  private final AtomicInteger failures = new AtomicInteger();

  /**
   * @param tokens the token each host accepts: keys github, gitlab, gitea
   */
  FakeGitHost(Map<String, String> tokens) throws IOException {
    this.tokens = Map.copyOf(tokens);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Recorded> requests() {
    return List.copyOf(requests);
  }

  List<Recorded> statuses(String sha) {
    return requests.stream().filter(r -> r.isStatus() && r.sha().equals(sha)).toList();
  }

  /** The comments of one thread, e.g. {@code github acme/site#7}. */
  List<Comment> comments(String thread) {
    return comments.values().stream().filter(c -> c.thread().equals(thread)).toList();
  }

  /** The next {@code n} requests are answered 502, as a host in trouble does. */
  void failNext(int n) {
    failures.set(n);
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
        send(exchange, 502, JSON.createObjectNode().put("message", "Bad Gateway"));
        return;
      }
      String expected =
          switch (request.host()) {
            case "github" -> "Bearer " + tokens.get("github");
            case "gitea" -> "token " + tokens.get("gitea");
            default -> tokens.get("gitlab");
          };
      if (!expected.equals(auth)) {
        send(exchange, 401, JSON.createObjectNode().put("message", "Bad credentials"));
        return;
      }
      Matcher gh = GITHUB_STYLE.matcher(path);
      Matcher gl = GITLAB.matcher(path);
      if (gh.matches()) {
        githubStyle(exchange, request, gh);
      } else if (gl.matches()) {
        gitlab(exchange, request, gl);
      } else {
        send(exchange, 404, JSON.createObjectNode().put("message", "Not Found"));
      }
    }
  }

  private void githubStyle(HttpExchange exchange, Recorded request, Matcher m) throws IOException {
    String host = request.host();
    String repo = m.group(2);
    if (m.group(4) != null && request.method().equals("POST")) {
      ObjectNode status = JSON.createObjectNode();
      status.put("id", ids.incrementAndGet());
      status.put("state", request.state());
      status.put("context", request.body().path("context").asText("default"));
      status.put("description", request.body().path("description").asText(null));
      status.put("target_url", request.body().path("target_url").asText(null));
      send(exchange, 201, status);
    } else if (m.group(5) != null) {
      String thread = host + " " + repo + "#" + m.group(5);
      if (request.method().equals("GET")) {
        ArrayNode list = JSON.createArrayNode();
        comments(thread).stream()
            .sorted((a, b) -> Long.compare(a.id(), b.id()))
            .forEach(c -> list.add(comment(c)));
        send(exchange, 200, list);
      } else if (request.method().equals("POST")) {
        Comment c = store(new Comment(ids.incrementAndGet(), thread, text(request)));
        send(exchange, 201, comment(c));
      } else {
        send(exchange, 405, JSON.createObjectNode().put("message", "Method Not Allowed"));
      }
    } else if (m.group(6) != null && request.method().equals("PATCH")) {
      Comment old = comments.get(Long.parseLong(m.group(6)));
      if (old == null || !old.thread().startsWith(host + " " + repo + "#")) {
        send(exchange, 404, JSON.createObjectNode().put("message", "Not Found"));
        return;
      }
      Comment c = store(new Comment(old.id(), old.thread(), text(request)));
      send(exchange, 200, comment(c));
    } else {
      send(exchange, 404, JSON.createObjectNode().put("message", "Not Found"));
    }
  }

  private void gitlab(HttpExchange exchange, Recorded request, Matcher m) throws IOException {
    String project = java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    if (m.group(3) != null && request.method().equals("POST")) {
      ObjectNode status = JSON.createObjectNode();
      status.put("id", ids.incrementAndGet());
      status.put("sha", m.group(3));
      status.put("status", request.state());
      status.put("name", request.body().path("name").asText("default"));
      status.put("description", request.body().path("description").asText(null));
      send(exchange, 201, status);
      return;
    }
    String thread = "gitlab " + project + "!" + m.group(4);
    if (m.group(6) == null) {
      if (request.method().equals("GET")) {
        ArrayNode list = JSON.createArrayNode();
        comments(thread).stream()
            .sorted((a, b) -> Long.compare(a.id(), b.id()))
            .forEach(c -> list.add(note(c)));
        send(exchange, 200, list);
      } else if (request.method().equals("POST")) {
        send(exchange, 201, note(store(new Comment(ids.incrementAndGet(), thread, text(request)))));
      } else {
        send(exchange, 405, JSON.createObjectNode().put("message", "405 Method Not Allowed"));
      }
      return;
    }
    Comment old = comments.get(Long.parseLong(m.group(6)));
    if (!request.method().equals("PUT") || old == null || !old.thread().equals(thread)) {
      send(exchange, 404, JSON.createObjectNode().put("message", "404 Not found"));
      return;
    }
    send(exchange, 200, note(store(new Comment(old.id(), thread, text(request)))));
  }

  private Comment store(Comment c) {
    comments.put(c.id(), c);
    return c;
  }

  private static String text(Recorded request) {
    return request.body().path("body").asText();
  }

  private static ObjectNode comment(Comment c) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", c.id());
    node.put("body", c.body());
    node.putObject("user").put("login", "driftless-bot");
    return node;
  }

  private static ObjectNode note(Comment c) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", c.id());
    node.put("body", c.body());
    node.put("system", false);
    node.put("noteable_type", "MergeRequest");
    return node;
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
