package io.driftless.deploy;

import static io.driftless.deploy.DeployFiles.ALERTS;
import static io.driftless.deploy.DeployFiles.DASHBOARD;
import static io.driftless.deploy.DeployFiles.H2_CONFIG;
import static io.driftless.deploy.DeployFiles.at;
import static io.driftless.deploy.DeployFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.driftless.api.metrics.MetricsEndpoint;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the alert rules and the Grafana dashboard query is exported by a running server: the
 * server runs the single-node example configuration, syncs an environment from a real Git
 * repository and refuses a webhook, so that labelled series exist, then its {@code /metrics} is
 * compared with the names in every rule and panel.
 */
@SuppressWarnings("unchecked") // YAML read as maps and lists
class ObservabilityIT {
  /** Series Prometheus makes itself for each target, not the application. */
  private static final Set<String> PROMETHEUS_OWN = Set.of("up");

  @TempDir static Path dir;
  private static RunningServer server;
  private static HttpServer hooks;
  private static final CountDownLatch notified = new CountDownLatch(1);
  private static Set<String> exported;

  @BeforeAll
  static void runEnvironmentsAndScrape() throws Exception {
    server = RunningServer.start(H2_CONFIG, dir);
    hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hooks.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
          notified.countDown();
        });
    hooks.start();
    Api api = server.admin();
    try (TestGitRepo repo = TestGitRepo.create(dir.resolve("repo"))) {
      repo.commit(Map.of("environments/staging/index.html", "<h1>one</h1>\n"), "first");
      api.createSource("site", repo.url());
      // One environment that syncs, one whose path is not in the repository: its run fails and
      // a notification goes to a local webhook.
      Api.Reply synced = sync(api, "staging", "environments/staging");
      assertThat(synced.text("status")).isEqualTo("succeeded");
      Api.Reply failed = sync(api, "broken", "environments/missing");
      assertThat(failed.text("status")).isEqualTo("failed");
    }
    assertThat(notified.await(60, TimeUnit.SECONDS)).as("the failure was notified").isTrue();

    HttpResponse<String> webhook =
        server.post(
            server.port(),
            "/api/v1/webhooks/github",
            "{\"repository\":{\"clone_url\":\"https://example.invalid/none.git\"}}",
            "Content-Type",
            "application/json",
            "X-GitHub-Event",
            "push",
            "X-GitHub-Delivery",
            "deploy-it-1");
    assertThat(webhook.statusCode()).isBetween(400, 499);

    // The delivery is counted once the webhook's answer is read: scrape until it is.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    do {
      HttpResponse<String> metrics = server.get(server.port(), MetricsEndpoint.PATH);
      assertThat(metrics.statusCode()).isEqualTo(200);
      exported = sampleNames(metrics.body());
      if (exported.contains("driftless_notifications_total")) {
        break;
      }
      Thread.sleep(100);
    } while (Instant.now().isBefore(deadline));
  }

  private static Api.Reply sync(Api api, String name, String path) {
    Api.Reply created =
        api.post(
            "/api/v1/environments",
            Map.of(
                "name",
                name,
                "source",
                "site",
                "ref",
                "main",
                "path",
                path,
                "target",
                Map.of(
                    "type",
                    "directory",
                    "root",
                    RunningServer.targets(dir).resolve(name).toString()),
                "sync",
                Map.of("auto", false, "interval", "1h"),
                "notifications",
                List.of(
                    Map.of(
                        "type",
                        "webhook",
                        "url",
                        "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook",
                        "events",
                        List.of("run.failed")))));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return TestServer.awaitRun(
        api, api.post("/api/v1/environments/" + name + "/sync", null).location());
  }

  @AfterAll
  static void stop() {
    if (hooks != null) {
      hooks.stop(0);
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyMetricOfTheAlertRulesIsExported() {
    Map<String, Set<String>> used = new TreeMap<>();
    List<Map<String, Object>> groups = at(yaml(ALERTS), "groups");
    for (Map<String, Object> group : groups) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) at(group, "rules")) {
        used.put(at(rule, "alert"), PromQl.metricNames(at(rule, "expr")));
      }
    }
    assertExported(used);
  }

  @Test
  void everyMetricOfTheDashboardIsExported() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Map<String, Set<String>> used = new TreeMap<>();
    collectPanels(dashboard.path("panels"), used);
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        JsonNode query = variable.path("query");
        String text = query.isTextual() ? query.asText() : query.path("query").asText();
        used.put(
            "variable " + variable.path("name").asText(), PromQl.grafanaVariableMetricNames(text));
      }
    }
    assertThat(used).hasSizeGreaterThan(10);
    assertExported(used);
  }

  /** The metrics of each panel's queries, rows' panels included. */
  private static void collectPanels(JsonNode panels, Map<String, Set<String>> used) {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        used.computeIfAbsent(panel.path("title").asText(), t -> new TreeSet<>())
            .addAll(PromQl.metricNames(target.path("expr").asText()));
      }
      collectPanels(panel.path("panels"), used);
    }
  }

  private static void assertExported(Map<String, Set<String>> used) {
    Map<String, Set<String>> missing = new TreeMap<>();
    used.forEach(
        (where, names) -> {
          assertThat(names).as(where + " queries no metric").isNotEmpty();
          for (String name : names) {
            if (!exported.contains(name) && !PROMETHEUS_OWN.contains(name)) {
              missing.computeIfAbsent(where, w -> new TreeSet<>()).add(name);
            }
          }
        });
    assertThat(missing).as("metrics queried but not in /metrics").isEmpty();
  }

  /**
   * The name of every sample line (histograms give _bucket, _sum and _count lines), and of every
   * declared family.
   */
  static Set<String> sampleNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] declared = line.split(" ");
        String family = declared[2];
        switch (declared[3]) {
          case "counter" -> names.add(family.endsWith("_total") ? family : family + "_total");
          case "histogram" -> {
            names.add(family + "_bucket");
            names.add(family + "_sum");
            names.add(family + "_count");
          }
          default -> names.add(family);
        }
        continue;
      }
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = line.length();
      for (char c : new char[] {'{', ' '}) {
        int at = line.indexOf(c);
        if (at >= 0) {
          end = Math.min(end, at);
        }
      }
      names.add(line.substring(0, end));
    }
    return names;
  }
}
