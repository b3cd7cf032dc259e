package io.driftless.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.DriftlessApplication;
import io.driftless.api.config.DriftlessConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The server's benchmark, on the embedded default (H2, directory target):
 *
 * <ol>
 *   <li>push-to-applied latency through the GitHub webhook for a 10-file change, p50 and p99 over
 *       {@code pushes} pushes: from the moment the signed delivery is sent to the moment all ten
 *       files hold the new content on disk;
 *   <li>{@code GET /api/v1/environments} with {@code environments} registered: p50 and p99 of the
 *       first page, and of one page holding all of them.
 * </ol>
 *
 * Usage: {@code java -cp bench/target/driftless-bench.jar io.driftless.bench.ApiBench [pushes]
 * [environments]}.
 */
public final class ApiBench {
  private static final String SECRET = "bench-webhook-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Path dir;
  private final DropwizardTestSupport<DriftlessConfiguration> server;
  private String base;
  private String token;

  private ApiBench(Path dir) throws Exception {
    this.dir = dir;
    Path config = dir.resolve("bench.yml");
    Files.writeString(
        config,
        """
        server:
          applicationConnectors: [{type: http, port: 0}]
          adminConnectors: [{type: http, port: 0}]
          requestLog:
            appenders: [{type: file, currentLogFilename: %s, archive: false}]
        logging:
          level: WARN
          appenders: [{type: file, currentLogFilename: %s, archive: false}]
        git:
          allowLocalUrls: true
        """
            .formatted(dir.resolve("request.log"), dir.resolve("server.log")));
    this.server =
        new DropwizardTestSupport<>(
            DriftlessApplication.class,
            config.toString(),
            ConfigOverride.config("dataDir", dir.resolve("data").toString()));
  }

  public static void main(String[] args) throws Exception {
    int pushes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int environments = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    Path dir = Files.createTempDirectory("driftless-api-bench");
    ApiBench bench = new ApiBench(dir);
    try {
      bench.run(pushes, environments);
    } finally {
      bench.server.after();
      EngineBench.deleteTree(dir);
    }
    System.exit(0);
  }

  private void run(int pushes, int environments) throws Exception {
    System.out.printf(
        "API benchmark: %d pushes of a 10-file change, %,d environments; embedded H2%n",
        pushes, environments);
    System.out.printf("Machine: %s%n", Machine.describe());
    server.before();
    base = "http://localhost:" + server.getLocalPort();
    token = Files.readString(dir.resolve("data/admin.token")).trim();

    Path repoDir = dir.resolve("repo");
    try (Git git = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call()) {
      writeFiles(repoDir, "initial");
      commit(git, "initial");
      String url = repoDir.toUri().toString();
      call("POST", "/api/v1/sources", Map.of("name", "bench", "url", url, "webhookSecret", SECRET));
      Path root = dir.resolve("data/targets/bench");
      register("bench", root);
      JsonNode queued = call("POST", "/api/v1/environments/bench/sync", Map.of("reason", "first"));
      waitForContent(root, "initial");

      List<Double> latencies = new ArrayList<>();
      for (int i = 0; i < pushes; i++) {
        String marker = "push-" + i;
        writeFiles(repoDir, marker);
        RevCommit commit = commit(git, marker);
        long start = System.nanoTime();
        deliverGithubPush(url, commit.getName());
        waitForContent(root, marker);
        latencies.add((System.nanoTime() - start) / 1e6);
      }
      System.out.println();
      System.out.println("| measure | p50 (ms) | p99 (ms) | max (ms) | goal |");
      System.out.println("|---|---|---|---|---|");
      System.out.printf(
          "| push to applied, 10-file change, %d pushes | %.1f | %.1f | %.1f | p99 < 500 ms |%n",
          pushes, percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100));
      if (queued == null) {
        throw new IllegalStateException("the first sync was not queued");
      }
    }

    for (int i = 1; i < environments; i++) {
      register("bench-" + i, dir.resolve("data/targets/bench-" + i));
    }
    List<Double> firstPage = new ArrayList<>();
    List<Double> allInOnePage = new ArrayList<>();
    for (int i = 0; i < 220; i++) {
      long start = System.nanoTime();
      call("GET", "/api/v1/environments", null);
      double first = (System.nanoTime() - start) / 1e6;
      start = System.nanoTime();
      JsonNode all = call("GET", "/api/v1/environments?limit=" + environments, null);
      double whole = (System.nanoTime() - start) / 1e6;
      if (i >= 20) { // the first 20 warm the JIT and caches
        firstPage.add(first);
        allInOnePage.add(whole);
      }
      if (i == 0 && all.path("items").size() != environments) {
        throw new IllegalStateException(
            "expected "
                + environments
                + " environments in one page, got "
                + all.path("items").size());
      }
    }
    System.out.printf(
        "| GET /api/v1/environments, first page, %,d environments | %.1f | %.1f | %.1f | p99 < 50 ms |%n",
        environments,
        percentile(firstPage, 50),
        percentile(firstPage, 99),
        percentile(firstPage, 100));
    System.out.printf(
        "| GET /api/v1/environments?limit=%d, all in one page | %.1f | %.1f | %.1f | p99 < 50 ms |%n",
        environments,
        percentile(allInOnePage, 50),
        percentile(allInOnePage, 99),
        percentile(allInOnePage, 100));
  }

  private void register(String name, Path root) throws Exception {
    call(
        "POST",
        "/api/v1/environments",
        Map.of(
            "name",
            name,
            "source",
            "bench",
            "ref",
            "main",
            "path",
            "site",
            "target",
            Map.of("type", "directory", "root", root.toString()),
            // A long interval: the benchmark's runs come from pushes, not from the schedule.
            "sync",
            Map.of("auto", true, "prune", true, "interval", "1h")));
  }

  private static void writeFiles(Path repoDir, String marker) throws Exception {
    for (int f = 0; f < 10; f++) {
      Path file = repoDir.resolve("site/conf-" + f + ".conf");
      Files.createDirectories(file.getParent());
      Files.writeString(file, "# " + marker + "\nsetting_" + f + " = " + marker + "\n");
    }
  }

  private static RevCommit commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent("bench", "bench@example.com");
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
  }

  /** Waits, polling the disk every millisecond, until every file holds {@code marker}. */
  private static void waitForContent(Path root, String marker) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    String expected = "# " + marker + "\n";
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (int f = 0; f < 10 && all; f++) {
        Path file = root.resolve("conf-" + f + ".conf");
        all = Files.exists(file) && Files.readString(file).startsWith(expected);
      }
      if (all) {
        return;
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException("the change " + marker + " was not applied within 60 s");
  }

  private void deliverGithubPush(String cloneUrl, String after) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "ref",
                "refs/heads/main",
                "after",
                after,
                "repository",
                Map.of("clone_url", cloneUrl, "html_url", cloneUrl, "name", "bench")));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks/github"))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", "push")
            .header("X-GitHub-Delivery", UUID.randomUUID().toString())
            .header("X-Hub-Signature-256", signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "webhook answered " + response.statusCode() + ": " + response.body());
    }
  }

  private JsonNode call(String method, String path, Object body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isEmpty() ? null : JSON.readTree(response.body());
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = values.stream().sorted().toList();
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
