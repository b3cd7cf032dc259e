package io.driftless.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Chaos harness for issue 19: {@code kill -9} of the packaged server at a random point of a
 * 6,000-file apply, over and over. Each trial flips every managed file between two versions (and
 * creates or prunes 600 files in new directories), kills the server at a random moment of the run,
 * restarts it and syncs again. It counts partial files (seen by a reader scanning the root during
 * the apply, or left after the kill), leftovers after the next run (staging, temp files, empty
 * directories, anything not managed or put there by hand) and failed recoveries (the next run not
 * succeeding or leaving a file at the wrong version). The goal is 0 of each.
 *
 * <pre>
 * java -cp bench/target/driftless-bench.jar io.driftless.bench.KillBench \
 *     [trials] [files] [serverJar] [workDir]
 * # defaults: 100 trials, 6000 files, cli/target/driftless.jar, a temp dir; needs git on the PATH
 * </pre>
 */
public final class KillBench {
  private static final String STAGING = ".driftless-staging";
  private static final Set<String> UNMANAGED =
      Set.of("notes.txt", "conf.d/00/local.conf", "made-by-hand/");
  private static final int NEW_FILES = 600;

  private final int files;
  private final Path repo;
  private final Path root;
  private final ChildServer server;

  private KillBench(int files, Path work, ChildServer server) {
    this.files = files;
    this.repo = work.resolve("repo");
    this.root = server.dataDir().resolve("targets/web");
    this.server = server;
  }

  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 6_000;
    Path jar = Path.of(args.length > 2 ? args[2] : "cli/target/driftless.jar").toAbsolutePath();
    Path work =
        args.length > 3
            ? Files.createDirectories(Path.of(args[3]))
            : Files.createTempDirectory("driftless-killbench");
    System.out.println("machine: " + Machine.describe());
    System.out.printf("%d trials of a %d-file apply; work dir %s%n", trials, files, work);
    Process daemon = null;
    try (ChildServer server =
        new ChildServer(jar, Files.createDirectories(work.resolve("server")))) {
      KillBench bench = new KillBench(files, work, server);
      int gitPort = freePort();
      daemon = gitDaemon(work, gitPort);
      bench.run(trials, "git://127.0.0.1:" + gitPort + "/repo");
    } finally {
      if (daemon != null) {
        daemon.destroyForcibly();
      }
    }
  }

  private void run(int trials, String url) throws Exception {
    git(repo.getParent(), "init", "-q", "--initial-branch=main", repo.toString());
    commit(0);
    server.start();
    server.call("POST", "/api/v1/sources", Map.of("name", "site", "url", url));
    server.call(
        "POST",
        "/api/v1/environments",
        Map.of(
            "name", "web",
            "source", "site",
            "ref", "main",
            "path", "env",
            "target", Map.of("type", "directory", "root", root.toString()),
            "sync", Map.of("auto", true, "prune", true, "interval", "1h")));
    expect(server.await(server.sync("web"), Duration.ofMinutes(5)), "succeeded");
    Files.writeString(root.resolve("notes.txt"), "mine\n");
    Files.writeString(root.resolve("conf.d/00/local.conf"), "mine too\n");
    Files.createDirectories(root.resolve("made-by-hand"));
    // One flip without a kill, with the reader scanning as in the trials, measures how long a
    // whole run takes: kills land uniformly in it.
    commit(1);
    Watcher calibrating = new Watcher(this);
    Thread scanning = new Thread(calibrating, "watcher");
    scanning.start();
    long t0 = System.nanoTime();
    expect(server.await(server.sync("web"), Duration.ofMinutes(5)), "succeeded");
    long runMillis = (System.nanoTime() - t0) / 1_000_000;
    calibrating.running.set(false);
    scanning.join();
    System.out.printf("a whole 2-way flip takes %d ms from the sync request%n", runMillis);
    System.out.println(
        "trial  killed after (ms, point)  old/new at kill  partialDuring  partialAfterKill "
            + " leftovers  recovered  nextRunStart(ms)");

    Random random = new Random(19);
    Totals totals = new Totals();
    for (int trial = 1; trial <= trials; trial++) {
      int version = (trial + 1) % 2;
      commit(version);
      Watcher watcher = new Watcher(this);
      Thread watching = new Thread(watcher, "watcher");
      watching.start();
      long t = System.nanoTime();
      server.sync("web");
      String killAt = killAtRandomPoint(random, runMillis, desiredPaths(version).size());
      long killedAfter = (System.nanoTime() - t) / 1_000_000;
      server.kill();
      watcher.running.set(false);
      watching.join();
      int[] mix = new int[2];
      int partialAfterKill = 0;
      for (String path : managedPaths()) {
        Integer v = wholeVersion(path, Files.readString(root.resolve(path)));
        if (v == null) {
          partialAfterKill++;
        } else {
          mix[v == version ? 1 : 0]++;
        }
      }
      Instant up = server.start();
      JsonNode next = server.await(server.sync("web"), Duration.ofMinutes(5));
      long startMillis =
          next.hasNonNull("startedAt")
              ? Duration.between(up, Instant.parse(next.path("startedAt").asText())).toMillis()
              : -1;
      List<String> leftovers = leftovers(version);
      // NO_OP is a recovery too: the kill came after the last rename, so live already matched.
      String status = next.path("status").asText();
      boolean recovered =
          (status.equals("succeeded") || status.equals("no_op")) && wrongVersion(version) == 0;
      totals.add(watcher.partial.get(), partialAfterKill, leftovers.size(), recovered, startMillis);
      System.out.printf(
          "%5d  %6d %-18s  %6d/%-6d  %13d  %16d  %9d  %9s  %16d%n",
          trial,
          killedAfter,
          killAt,
          mix[0],
          mix[1],
          watcher.partial.get(),
          partialAfterKill,
          leftovers.size(),
          recovered ? "yes" : "NO",
          startMillis);
      if (!leftovers.isEmpty()) {
        System.out.println(
            "       leftovers: " + leftovers.subList(0, Math.min(5, leftovers.size())));
      }
      if (!recovered) {
        System.out.println("       next run: " + next);
      }
    }
    totals.print(trials);
  }

  /**
   * Waits for a random point of the run and returns what it was. One trial in five kills at a
   * uniformly random moment of a whole run's duration (fetch, render, read and recording included).
   * The others kill inside the apply, located by the environment's staging directory: it fills as
   * files are staged and empties as they are renamed into place, so a kill when it holds a random
   * share of the files on the way up lands in staging, on the way down among the renames.
   */
  private String killAtRandomPoint(Random random, long runMillis, int stagedFiles)
      throws Exception {
    double u = random.nextDouble();
    long deadline = System.nanoTime() + Duration.ofMillis(runMillis * 3).toNanos();
    if (random.nextInt(5) == 0) {
      long sleep = (long) (u * runMillis * 1.1);
      Thread.sleep(sleep);
      return "time " + (int) (u * 110) + "%";
    }
    boolean rising = random.nextBoolean();
    int goal = (int) Math.max(1, u * stagedFiles);
    Path staging = root.resolve(STAGING).resolve("web");
    boolean seenFull = false;
    while (System.nanoTime() < deadline) {
      int staged = count(staging);
      seenFull |= staged >= stagedFiles; // every file staged: the renames come next
      if (rising && staged >= goal) {
        return "staged " + (int) (u * 100) + "%";
      }
      if (!rising && seenFull && staged <= stagedFiles - goal) {
        return "renamed " + (int) (u * 100) + "%";
      }
      Thread.onSpinWait();
    }
    return "missed (timeout)";
  }

  private static int count(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return (int) entries.count();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private static void expect(JsonNode run, String status) {
    if (!run.path("status").asText().equals(status)) {
      throw new IllegalStateException("expected a " + status + " run: " + run);
    }
  }

  /** The run-by-run counts and the summary line. */
  private static final class Totals {
    long partialDuring;
    long partialAfterKill;
    long leftovers;
    int failedRecoveries;
    final List<Long> starts = new ArrayList<>();

    void add(int during, int afterKill, int left, boolean recovered, long startMillis) {
      partialDuring += during;
      partialAfterKill += afterKill;
      leftovers += left;
      failedRecoveries += recovered ? 0 : 1;
      starts.add(startMillis);
    }

    void print(int trials) {
      List<Long> sorted = starts.stream().sorted().toList();
      System.out.printf(
          "%n%d trials: partial files seen during applies %d, partial files after kills %d,"
              + " leftovers after the next run %d, failed recoveries %d; next run started"
              + " after the restart in median %d ms, max %d ms%n",
          trials,
          partialDuring,
          partialAfterKill,
          leftovers,
          failedRecoveries,
          sorted.get(sorted.size() / 2),
          sorted.get(sorted.size() - 1));
    }
  }

  // ------------------------------------------------------------------ the repository

  private String content(String path, int version) {
    return "version " + version + " of " + path + "\n" + "x".repeat(64) + "\nend " + version + "\n";
  }

  private List<String> desiredPaths(int version) {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      paths.add(String.format("conf.d/%02d/f%04d.conf", i / 100, i));
    }
    if (version == 1) {
      for (int i = 0; i < NEW_FILES; i++) {
        paths.add(String.format("new/%02d/n%04d.conf", i / 10, i));
      }
    }
    return paths;
  }

  /** Writes the environment's files at {@code version} (0 or 1) and commits them. */
  private void commit(int version) throws IOException, InterruptedException {
    Path env = repo.resolve("env");
    deleteTree(env);
    for (String path : desiredPaths(version)) {
      Path file = env.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content(path, version));
    }
    git(repo, "add", "-A");
    git(
        repo,
        "-c",
        "user.name=bench",
        "-c",
        "user.email=bench@example.com",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "version " + version);
  }

  /** {@code git daemon} serving the repositories under {@code base} on 127.0.0.1:{@code port}. */
  static Process gitDaemon(Path base, int port) throws IOException {
    return new ProcessBuilder(
            "git",
            "daemon",
            "--reuseaddr",
            "--export-all",
            "--base-path=" + base,
            "--listen=127.0.0.1",
            "--port=" + port,
            base.toString())
        .redirectErrorStream(true)
        .redirectOutput(base.resolve("git-daemon.log").toFile())
        .start();
  }

  private static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process git = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    if (git.waitFor() != 0) {
      throw new IOException("git " + String.join(" ", args) + " failed");
    }
  }

  // ------------------------------------------------------------------ the root

  /** A managed file's version when its content is whole, else null. */
  private Integer wholeVersion(String path, String text) {
    for (int version = 0; version < 2; version++) {
      if (text.equals(content(path, version))) {
        return version;
      }
    }
    return null;
  }

  private List<String> tree() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root))
          .map(p -> root.relativize(p) + (Files.isDirectory(p) ? "/" : ""))
          .sorted()
          .toList();
    }
  }

  private List<String> managedPaths() throws IOException {
    return tree().stream()
        .filter(p -> !p.endsWith("/") && !UNMANAGED.contains(p) && !p.startsWith(STAGING + "/"))
        .toList();
  }

  /** Everything in the root that is neither version's managed files, unmanaged, nor above them. */
  private List<String> leftovers(int version) throws IOException {
    Set<String> expected = new TreeSet<>(UNMANAGED);
    for (String path : desiredPaths(version)) {
      expected.add(path);
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        expected.add(path.substring(0, slash + 1));
      }
    }
    return tree().stream().filter(p -> !expected.contains(p)).toList();
  }

  private int wrongVersion(int version) throws IOException {
    int wrong = 0;
    for (String path : desiredPaths(version)) {
      Path file = root.resolve(path);
      if (!Files.isRegularFile(file) || !Files.readString(file).equals(content(path, version))) {
        wrong++;
      }
    }
    return wrong;
  }

  /** Scans the root while the apply runs and counts files a reader would see partial. */
  private static final class Watcher implements Runnable {
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicInteger partial = new AtomicInteger();
    private final KillBench bench;

    Watcher(KillBench bench) {
      this.bench = bench;
    }

    @Override
    public void run() {
      while (running.get()) {
        try (Stream<Path> walk = Files.walk(bench.root)) {
          walk.filter(Files::isRegularFile).forEach(this::check);
        } catch (IOException | UncheckedIOException e) {
          // A directory went away under the walk: scan again.
        }
      }
    }

    private void check(Path file) {
      String path = bench.root.relativize(file).toString();
      if (path.startsWith(STAGING + "/") || UNMANAGED.contains(path)) {
        return;
      }
      try {
        if (bench.wholeVersion(path, Files.readString(file)) == null) {
          partial.incrementAndGet();
        }
      } catch (NoSuchFileException e) {
        // Renamed or removed between the listing and the read.
      } catch (IOException e) {
        partial.incrementAndGet();
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
