package io.driftless.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.DriftlessApplication;
import io.driftless.api.config.DriftlessConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 *   <li>push-to-applied latency through the GitHub webhook, p50 and p99 over {@code pushes} pushes,
 *       from the moment the signed delivery is sent to the moment every file holds the new content
 *       on disk: a 10-file change from a {@code file://} source, then an 11-file change from a
 *       source served by {@code git daemon} (the real protocol);
 *   <li>fan-out: {@code fanout} environments on one source served by {@code git daemon}, one push,
 *       timed until all of them have applied it, {@code fanoutPushes} times;
 *   <li>{@code GET /api/v1/environments} with {@code environments} registered: p50 and p99 of the
 *       first page, and of one page holding all of them.
 * </ol>
 *
 * Usage: {@code java -cp bench/target/driftless-bench.jar io.driftless.bench.ApiBench [pushes]
 * [environments] [fanout] [fanoutPushes]}; needs {@code git} on the PATH.
 */
public final class ApiBench {
  private static final String SECRET = "bench-webhook-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Path dir;
  private final DropwizardTestSupport<DriftlessConfiguration> server;
  private String base;
  private String token;
  private int registered;

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
    int fanout = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int fanoutPushes = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Path dir = Files.createTempDirectory("driftless-api-bench");
    ApiBench bench = new ApiBench(dir);
    Path served = Files.createDirectories(dir.resolve("served"));
    int port = KillBench.freePort();
    Process daemon = gitDaemon(served, port);
    try {
      bench.run(
          pushes, environments, fanout, fanoutPushes, served, "git://127.0.0.1:" + port + "/");
    } finally {
      daemon.destroyForcibly();
      bench.server.after();
      EngineBench.deleteTree(dir);
    }
    System.exit(0);
  }

  private void run(
      int pushes, int environments, int fanout, int fanoutPushes, Path served, String daemonUrl)
      throws Exception {
    System.out.printf(
        "API benchmark: %d pushes of a 10-file change (file://) and of an 11-file change (git"
            + " daemon), %d environments on one source pushed %d times, %,d environments listed;"
            + " embedded H2%n",
        pushes, fanout, fanoutPushes, environments);
    System.out.printf("Machine: %s%n", Machine.describe());
    server.before();
    base = "http://localhost:" + server.getLocalPort();
    token = Files.readString(dir.resolve("data/admin.token")).trim();

    List<Double> local = pushes(dir.resolve("repo"), null, "bench", 10, pushes);
    List<Double> overDaemon = pushes(served.resolve("one"), daemonUrl + "one", "one", 11, pushes);
    List<Double> fanned = fanout(served.resolve("fan"), daemonUrl + "fan", fanout, fanoutPushes);
    System.out.println();
    System.out.println("| measure | p50 (ms) | p99 (ms) | max (ms) | goal |");
    System.out.println("|---|---|---|---|---|");
    row("push to applied, 10-file change, file://, " + pushes + " pushes", local, "p99 < 500 ms");
    row(
        "push to applied, 11-file change, git daemon, " + pushes + " pushes",
        overDaemon,
        "p99 < 150 ms");
    row(
        "push to applied in all of "
            + fanout
            + " environments on one source, 11-file change, git daemon, "
            + fanoutPushes
            + " pushes",
        fanned,
        "p99 < 1 s");

    for (int i = registered; i < environments; i++) {
      register("bench-" + i, "bench", dir.resolve("data/targets/bench-" + i));
    }
    List<Double> firstPage = new ArrayList<>();
    List<Double> allInOnePage = new ArrayList<>();
    for (int i = 0; i < 220; i++) {
      // Timed until the whole body has arrived; a client's parsing of it is not the server's.
      long start = System.nanoTime();
      get("/api/v1/environments");
      double first = (System.nanoTime() - start) / 1e6;
      start = System.nanoTime();
      String body = get("/api/v1/environments?limit=" + environments);
      double whole = (System.nanoTime() - start) / 1e6;
      if (i >= 20) { // the first 20 warm the JIT and caches
        firstPage.add(first);
        allInOnePage.add(whole);
      }
      JsonNode all = i == 0 ? JSON.readTree(body) : null;
      if (all != null && all.path("items").size() != environments) {
        throw new IllegalStateException(
            "expected "
                + environments
                + " environments in one page, got "
                + all.path("items").size());
      }
    }
    row(
        String.format("GET /api/v1/environments, first page, %,d environments", environments),
        firstPage,
        "p99 < 50 ms");
    row(
        "GET /api/v1/environments?limit=" + environments + ", all in one page",
        allInOnePage,
        "p99 < 30 ms");
  }

  /**
   * Registers source {@code name} on a new repository at {@code repoDir} ({@code url}, or its
   * {@code file://} URL when null) with one environment, syncs it, then times {@code pushes} pushes
   * of a {@code files}-file change.
   */
  private List<Double> pushes(Path repoDir, String url, String name, int files, int pushes)
      throws Exception {
    try (Git git = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call()) {
      writeFiles(repoDir, "initial", files);
      commit(git, "initial");
      String cloneUrl = url == null ? repoDir.toUri().toString() : url;
      call(
          "POST",
          "/api/v1/sources",
          Map.of("name", name, "url", cloneUrl, "webhookSecret", SECRET));
      Path root = dir.resolve("data/targets/" + name);
      register(name, name, root);
      call("POST", "/api/v1/environments/" + name + "/sync", Map.of("reason", "first"));
      waitForContent(List.of(root), "initial", files);

      List<Double> latencies = new ArrayList<>();
      for (int i = 0; i < pushes; i++) {
        String marker = "push-" + i;
        writeFiles(repoDir, marker, files);
        RevCommit commit = commit(git, marker);
        long start = System.nanoTime();
        deliverGithubPush(cloneUrl, commit.getName());
        waitForContent(List.of(root), marker, files);
        latencies.add((System.nanoTime() - start) / 1e6);
      }
      return latencies;
    }
  }

  /**
   * Registers {@code count} environments on one source, then times {@code pushes} pushes of an
   * 11-file change until every one of them has applied it (the first push, which applies into empty
   * roots, is not timed).
   */
  private List<Double> fanout(Path repoDir, String url, int count, int pushes) throws Exception {
    try (Git git = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call()) {
      writeFiles(repoDir, "initial", 11);
      commit(git, "initial");
      call("POST", "/api/v1/sources", Map.of("name", "fan", "url", url, "webhookSecret", SECRET));
      List<Path> roots = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Path root = dir.resolve("data/targets/fan-" + i);
        register("fan-" + i, "fan", root);
        roots.add(root);
      }
      List<Double> latencies = new ArrayList<>();
      Instant sent = null;
      double answered = 0;
      for (int i = -1; i < pushes; i++) {
        String marker = "fan-" + i;
        writeFiles(repoDir, marker, 11);
        RevCommit commit = commit(git, marker);
        long start = System.nanoTime();
        sent = Instant.now();
        deliverGithubPush(url, commit.getName());
        answered = (System.nanoTime() - start) / 1e6;
        waitForContent(roots, marker, 11);
        if (i >= 0) {
          latencies.add((System.nanoTime() - start) / 1e6);
        }
      }
      printWhereTheTimeWent(sent, answered, count);
      return latencies;
    }
  }

  /**
   * Where the last fan-out push spent its time, from the last run of each environment: when it was
   * queued, started and finished after the delivery was sent, and its phases.
   */
  private void printWhereTheTimeWent(Instant sent, double answered, int count) throws Exception {
    JsonNode page = call("GET", "/api/v1/environments?source=fan&limit=" + count, null);
    List<Double> queued = new ArrayList<>();
    List<Double> started = new ArrayList<>();
    List<Double> finished = new ArrayList<>();
    Map<String, List<Double>> phases = new java.util.TreeMap<>();
    for (JsonNode environment : page.path("items")) {
      JsonNode run = environment.path("lastRun");
      queued.add(millisAfter(sent, run.path("createdAt")));
      started.add(millisAfter(sent, run.path("startedAt")));
      finished.add(millisAfter(sent, run.path("finishedAt")));
      for (JsonNode phase : run.path("phases")) {
        phases
            .computeIfAbsent(phase.path("phase").asText(), k -> new ArrayList<>())
            .add(phase.path("durationMillis").asDouble());
      }
    }
    System.out.printf(
        "last fan-out push: webhook answered after %.1f ms; after the delivery was sent, runs"
            + " queued p50 %.0f / max %.0f ms, started p50 %.0f / max %.0f ms, finished p50 %.0f"
            + " / max %.0f ms%n",
        answered,
        percentile(queued, 50),
        percentile(queued, 100),
        percentile(started, 50),
        percentile(started, 100),
        percentile(finished, 50),
        percentile(finished, 100));
    phases.forEach(
        (phase, millis) ->
            System.out.printf(
                "  phase %s: p50 %.0f ms, max %.0f ms%n",
                phase, percentile(millis, 50), percentile(millis, 100)));
  }

  private static double millisAfter(Instant start, JsonNode at) {
    return at.isTextual()
        ? Duration.between(start, Instant.parse(at.asText())).toNanos() / 1e6
        : -1;
  }

  private static void row(String measure, List<Double> values, String goal) {
    System.out.printf(
        "| %s | %.1f | %.1f | %.1f | %s |%n",
        measure, percentile(values, 50), percentile(values, 99), percentile(values, 100), goal);
  }

  private void register(String name, String source, Path root) throws Exception {
    registered++;
    call(
        "POST",
        "/api/v1/environments",
        Map.of(
            "name",
            name,
            "source",
            source,
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

  private static void writeFiles(Path repoDir, String marker, int files) throws Exception {
    for (int f = 0; f < files; f++) {
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

  /**
   * Waits, polling the disk every millisecond, until the {@code files} files of every root hold
   * {@code marker}; a root seen done is not read again.
   */
  private static void waitForContent(List<Path> roots, String marker, int files) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    String expected = "# " + marker + "\n";
    List<Path> waiting = new ArrayList<>(roots);
    while (System.nanoTime() < deadline) {
      waiting.removeIf(root -> applied(root, expected, files));
      if (waiting.isEmpty()) {
        return;
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException(
        "the change " + marker + " was not applied within 60 s in " + waiting);
  }

  private static boolean applied(Path root, String expected, int files) {
    try {
      for (int f = files - 1; f >= 0; f--) {
        Path file = root.resolve("conf-" + f + ".conf");
        if (!Files.exists(file) || !Files.readString(file).startsWith(expected)) {
          return false;
        }
      }
      return true;
    } catch (java.io.IOException e) {
      return false; // replaced while read
    }
  }

  /** {@code git daemon} serving the repositories under {@code base}; waits until it accepts. */
  private static Process gitDaemon(Path base, int port) throws Exception {
    Process daemon = KillBench.gitDaemon(base, port);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return daemon;
      } catch (java.io.IOException e) {
        Thread.sleep(50);
      }
    }
    daemon.destroyForcibly();
    throw new IllegalStateException("git daemon did not start on port " + port);
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

  /** The body of {@code GET path}, unparsed. */
  private String get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
    }
    return response.body();
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
