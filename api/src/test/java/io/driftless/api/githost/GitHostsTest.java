package io.driftless.api.githost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.port.query.HostApi;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The clients' fallbacks and failures, against a scripted local host. */
class GitHostsTest {
  private static final String TOKEN = "ghp_unitTokenNeverInAnError";
  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private GitHosts hosts;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            seen.add(method + " " + path);
            int answer = status.get();
            // A host may echo what it refused; the client must not pass it on.
            String body = "{\"message\":\"echo " + TOKEN + "\"}";
            if (path.endsWith("/user") && answer == 200) {
              body = "{\"id\": 31, \"login\": \"driftless-bot\"}";
            } else if (path.endsWith("/issues/comments/5")) {
              answer = 404; // our comment was deleted by someone
            } else if (path.endsWith("/issues/7/comments") && method.equals("GET")) {
              body =
                  "[{\"id\": 8, \"body\": \"someone else\", \"user\": {\"id\": 7}},"
                      + " {\"id\": 9, \"body\": \"<!-- mark -->\\nold\","
                      + " \"user\": {\"id\": 31}}]";
            } else if (path.endsWith("/notes") && method.equals("GET")) {
              body = "[]";
            } else if (path.endsWith("/notes") && method.equals("POST")) {
              body = "{\"id\": 77}";
              answer = 201;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, bytes.length);
            exchange.getResponseBody().write(bytes);
          }
        });
    server.start();
    hosts = new GitHosts(3, Duration.ofMillis(1), registry);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private GitHost host(String type) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    String repository = type.equals("gitlab") ? "group/sub/project" : "acme/site";
    return hosts.open(new HostApi(type, url, repository, Secret.of(TOKEN)));
  }

  @Test
  void aDeletedCommentIsFoundAgainByItsMarker() {
    String id = host("github").upsertComment(7, "5", "<!-- mark -->", "new body");

    assertThat(id).isEqualTo("9");
    assertThat(seen)
        .containsExactly(
            "GET /user",
            "GET /repos/acme/site/issues/comments/5",
            "GET /repos/acme/site/issues/7/comments",
            "PATCH /repos/acme/site/issues/comments/9");
  }

  @Test
  void gitlabAddressesTheProjectByItsEncodedPathAndCreatesANote() {
    String id = host("gitlab").upsertComment(3, null, "<!-- mark -->", "body");

    assertThat(id).isEqualTo("77");
    assertThat(seen)
        .containsExactly(
            "GET /api/v4/user",
            "GET /api/v4/projects/group%2Fsub%2Fproject/merge_requests/3/notes",
            "POST /api/v4/projects/group%2Fsub%2Fproject/merge_requests/3/notes");
  }

  @Test
  void transientFailuresAreRetriedABoundedNumberOfTimesAndRefusalsNot() {
    CommitStatus ok = new CommitStatus(CommitStatus.State.SUCCESS, "driftless", "", null);
    status.set(503);
    assertThatThrownBy(() -> host("gitea").setStatus("abc", ok))
        .isInstanceOf(GitHostException.class)
        .hasMessage("gitea POST /api/v1/repos/acme/site/statuses/abc: HTTP 503 after 3 attempts");
    assertThat(seen).hasSize(3);

    seen.clear();
    status.set(403);
    assertThatThrownBy(() -> host("github").setStatus("abc", ok))
        .isInstanceOf(GitHostException.class)
        .hasMessage("github POST /repos/acme/site/statuses/abc: HTTP 403");
    assertThat(seen).hasSize(1);
    assertThat(count("gitea", "failed")).isEqualTo(3);
    assertThat(count("github", "refused")).isEqualTo(1);
    assertThat(count("github", "ok")).isZero();
  }

  private double count(String host, String result) {
    return registry.scrape().stream()
        .filter(m -> m.getMetadata().getPrometheusName().equals("driftless_git_host_requests"))
        .flatMap(
            m ->
                ((io.prometheus.metrics.model.snapshots.CounterSnapshot) m)
                    .getDataPoints().stream())
        .filter(
            d ->
                host.equals(d.getLabels().get("host"))
                    && result.equals(d.getLabels().get("result")))
        .mapToDouble(d -> d.getValue())
        .sum();
  }

  @Test
  void aStatusDescriptionIsOneLineOfAtMost140Characters() {
    CommitStatus status =
        new CommitStatus(
            CommitStatus.State.FAILURE, "driftless/x", "a\nb  " + "c".repeat(300), null);
    assertThat(status.description()).hasSize(140).startsWith("a b c").endsWith("\u2026");
  }
}
