package io.driftless.bench;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Phase;
import io.driftless.engine.domain.PhaseTiming;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.jgit.JGitMirror;
import io.driftless.engine.port.memory.MemoryStore;
import io.driftless.engine.reconcile.EnginePorts;
import io.driftless.engine.reconcile.ReconcileRequest;
import io.driftless.engine.reconcile.Reconciler;
import io.driftless.engine.render.FilesRenderer;
import io.driftless.engine.render.RenderCache;
import io.driftless.engine.target.StatCache;
import io.driftless.engine.target.directory.DirectoryTargetFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The engine's benchmark, each figure beside {@code rsync} run on the same tree in the same run:
 *
 * <ol>
 *   <li>first full apply of N files into an empty root vs {@code rsync -a --delete --fsync} (each
 *       file durable, as Driftless's apply), with plain {@code rsync -a --delete} beside it;
 *   <li>no-op reconcile vs the stat-only {@code rsync -a --delete --dry-run}, with {@code
 *       --checksum} beside it;
 *   <li>one file changed by a new commit, fetch included, from a local repository, as a push
 *       triggers it; then a commit outside the environment's path.
 * </ol>
 *
 * Usage: {@code java -cp bench/target/driftless-bench.jar io.driftless.bench.EngineBench [files]
 * [fileSize] [rounds] [workDir]}.
 */
public final class EngineBench {
  private final int files;
  private final int fileSize;
  private final int rounds;
  private final Path work;
  private final Path repoDir;
  private final Path rsyncSource;
  private final Path targets;
  private final MemoryStore store;
  private final Reconciler reconciler;
  private final Random random = new Random(42);

  private EngineBench(int files, int fileSize, int rounds, Path work) {
    this.files = files;
    this.fileSize = fileSize;
    this.rounds = rounds;
    this.work = work;
    this.repoDir = work.resolve("repo");
    this.rsyncSource = repoDir.resolve("env");
    this.targets = work.resolve("targets");
    Clock clock = Clock.systemUTC();
    this.store = new MemoryStore(clock);
    GitReader git = new JGitMirror(work.resolve("git"), Duration.ofSeconds(60)).reader();
    this.reconciler = reconciler(git, store, targets, clock, 16);
  }

  /**
   * The engine as the benchmarks run it: the files renderer with a cache of {@code renderCache}
   * trees, directory targets below {@code targets}, every port in {@code store}, no verification.
   */
  static Reconciler reconciler(
      GitReader git, MemoryStore store, Path targets, Clock clock, int renderCache) {
    return new Reconciler(
        git,
        (source, commit) -> {},
        new RenderCache(new FilesRenderer(git), renderCache),
        new DirectoryTargetFactory(List.of(targets), clock),
        EnginePorts.of(store),
        clock,
        new Reconciler.Settings("bench", Duration.ofMinutes(5)),
        null,
        null);
  }

  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int fileSize = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path work =
        args.length > 3
            ? Path.of(args[3]).toAbsolutePath()
            : Files.createTempDirectory("driftless-engine-bench");
    EngineBench bench = new EngineBench(files, fileSize, rounds, work);
    try {
      bench.run();
    } finally {
      bench.reconciler.close();
      deleteTree(work);
    }
  }

  private void run() throws Exception {
    System.out.printf(
        "Engine benchmark: %,d files of %,d bytes, %d rounds, work dir %s%n",
        files, fileSize, rounds, work);
    System.out.printf("Machine: %s%n", Machine.describe());
    long t0 = System.nanoTime();
    createRepository();
    System.out.printf(
        "Repository created and committed in %.1f s%n%n", (System.nanoTime() - t0) / 1e9);
    store.put(Source.of(SourceName.of("bench"), repoDir.toUri().toString()));

    // Warm-up: clone, render, JIT; not measured.
    for (int i = 0; i < 2; i++) {
      fullApply("warm-" + i);
    }

    List<Double> engineFull = new ArrayList<>();
    List<Double> engineApplyPhase = new ArrayList<>();
    List<Double> rsyncFsync = new ArrayList<>();
    List<Double> rsyncPlain = new ArrayList<>();
    List<RunResult> fullResults = new ArrayList<>();
    // Each measure starts with nothing left to write back: a sync(1) between them, not timed.
    settle();
    for (int i = 0; i < rounds; i++) {
      RunResult result = fullApply("full-" + i);
      engineFull.add(total(result));
      fullResults.add(result);
      engineApplyPhase.add(phase(result, Phase.APPLY));
      deleteTree(targets.resolve("full-" + i));
      settle();
      Path durable = work.resolve("rsync-fsync-" + i);
      rsyncFsync.add(time(() -> rsync(List.of("-a", "--delete", "--fsync"), durable)));
      deleteTree(durable);
      settle();
      Path plain = work.resolve("rsync-full-" + i);
      rsyncPlain.add(time(() -> rsync(List.of("-a", "--delete"), plain)));
      deleteTree(plain);
      settle();
    }

    // No-op: an environment already in sync, checked again.
    EnvironmentName noop = register("noop");
    check(reconcile(noop), RunStatus.SUCCEEDED);
    Path rsyncNoop = work.resolve("rsync-noop");
    rsync(List.of("-a", "--delete"), rsyncNoop);
    // Warm-up, not measured, as for the first apply: past the stat cache's racy window, as a
    // scheduled check a minute after the apply is, and the JIT.
    Thread.sleep(StatCache.RACY_WINDOW.toMillis() + 1000);
    for (int i = 0; i < 3; i++) {
      check(reconcile(noop), RunStatus.NO_OP);
      rsync(List.of("-a", "--delete", "--dry-run"), rsyncNoop);
    }
    List<Double> engineNoop = new ArrayList<>();
    List<RunResult> noopResults = new ArrayList<>();
    List<Double> rsyncDryRun = new ArrayList<>();
    List<Double> rsyncChecksum = new ArrayList<>();
    settle();
    for (int i = 0; i < rounds * 2; i++) {
      RunResult result = reconcile(noop);
      check(result, RunStatus.NO_OP);
      engineNoop.add(total(result));
      noopResults.add(result);
      rsyncDryRun.add(time(() -> rsync(List.of("-a", "--delete", "--dry-run"), rsyncNoop)));
      rsyncChecksum.add(
          time(() -> rsync(List.of("-a", "--delete", "--checksum", "--dry-run"), rsyncNoop)));
    }

    // One file changed by a new commit, as a push hands it over (a webhook run with its queued
    // run): fetch, render, read, diff, apply. Then a commit outside the environment's path.
    List<Double> oneChange = new ArrayList<>();
    List<Double> oneChangeFetch = new ArrayList<>();
    List<RunResult> oneChangeResults = new ArrayList<>();
    List<Double> outside = new ArrayList<>();
    List<RunResult> outsideResults = new ArrayList<>();
    try (Git git = Git.open(repoDir.toFile())) {
      for (int i = 0; i < rounds * 2; i++) {
        RunResult result =
            push(git, noop, "env/d000/f00000.txt", "change " + i, RunStatus.SUCCEEDED, oneChange);
        if (result.plan().changes().size() != 1) {
          throw new IllegalStateException("expected one change, got " + result.plan().summary());
        }
        oneChangeFetch.add(phase(result, Phase.FETCH));
        oneChangeResults.add(result);
      }
      for (int i = 0; i < rounds * 2; i++) {
        outsideResults.add(
            push(git, noop, "elsewhere/readme.txt", "elsewhere " + i, RunStatus.NO_OP, outside));
      }
    }

    System.out.println(
        "| measure | Driftless (median ms) | baseline | baseline (median ms) | ratio | goal |");
    System.out.println("|---|---|---|---|---|---|");
    row(
        "first full apply (whole reconcile)",
        engineFull,
        "rsync -a --delete --fsync",
        rsyncFsync,
        "<= 1.0x");
    row(
        "first full apply (apply phase only)",
        engineApplyPhase,
        "rsync -a --delete --fsync",
        rsyncFsync,
        "");
    row(
        "first full apply (whole reconcile)",
        engineFull,
        "rsync -a --delete (no fsync)",
        rsyncPlain,
        "reported");
    row("no-op reconcile", engineNoop, "rsync -a --delete --dry-run", rsyncDryRun, "<= 0.5x");
    row(
        "no-op reconcile",
        engineNoop,
        "rsync -a --delete --checksum --dry-run",
        rsyncChecksum,
        "reported");
    System.out.printf(
        "| one file changed by a new commit, end to end | %.1f (fetch %.1f) | | | | < 100 ms |%n",
        median(oneChange), median(oneChangeFetch));
    System.out.printf(
        "| a commit outside the environment's path, end to end | %.1f | | | | |%n",
        median(outside));
    System.out.println();
    System.out.println("Each round (ms):");
    rounds("first full apply, Driftless", engineFull);
    rounds("first full apply, rsync -a --delete --fsync", rsyncFsync);
    rounds("first full apply, rsync -a --delete", rsyncPlain);
    rounds("no-op reconcile, Driftless", engineNoop);
    rounds("no-op, rsync -a --delete --dry-run", rsyncDryRun);
    System.out.println();
    System.out.println("Median phase times (ms):");
    System.out.println("| run | " + String.join(" | ", phaseNames()) + " |");
    System.out.println("|---|" + "---|".repeat(Phase.values().length));
    phaseRow("first full apply", fullResults);
    phaseRow("no-op reconcile", noopResults);
    phaseRow("one file changed", oneChangeResults);
    phaseRow("commit outside the path", outsideResults);
    System.out.printf(
        "One file changed, each round (ms, end to end / phases summed): %s%n",
        rounds(oneChange, oneChangeResults));
  }

  private static String rounds(List<Double> took, List<RunResult> results) {
    StringBuilder each = new StringBuilder();
    for (int i = 0; i < took.size(); i++) {
      each.append(
          String.format("%s%.1f / %.1f", i == 0 ? "" : ", ", took.get(i), total(results.get(i))));
    }
    return each.toString();
  }

  private void commit(Git git, String path, String message) throws Exception {
    Path file = repoDir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, message + "\n" + randomText(fileSize - 32, random));
    git.add().addFilepattern(path).call();
    PersonIdent who = new PersonIdent("bench", "bench@example.com");
    git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
  }

  /**
   * Commits a new content of {@code path}, then reconciles {@code environment} as the scheduler
   * hands a push over (a webhook run with its queued run), adding how long it took to {@code took}.
   */
  private RunResult push(
      Git git,
      EnvironmentName environment,
      String path,
      String message,
      RunStatus expected,
      List<Double> took)
      throws Exception {
    commit(git, path, message);
    Trigger push = new Trigger(TriggerType.WEBHOOK, "github", "");
    ReconcileRequest request =
        new ReconcileRequest(
            environment,
            push,
            SyncOptions.defaults(),
            store.create(environment, push, Instant.now()));
    long start = System.nanoTime();
    RunResult result = reconciler.reconcile(request).result();
    took.add((System.nanoTime() - start) / 1e6);
    check(result, expected);
    return result;
  }

  private static void rounds(String name, List<Double> values) {
    System.out.printf(
        "- %s: %s%n",
        name, String.join(", ", values.stream().map(v -> String.format("%.0f", v)).toList()));
  }

  private static List<String> phaseNames() {
    return java.util.Arrays.stream(Phase.values())
        .map(p -> p.name().toLowerCase(java.util.Locale.ROOT))
        .toList();
  }

  private static void phaseRow(String name, List<RunResult> results) {
    StringBuilder row = new StringBuilder("| ").append(name).append(" |");
    for (Phase phase : Phase.values()) {
      row.append(
          String.format(" %.1f |", median(results.stream().map(r -> phase(r, phase)).toList())));
    }
    System.out.println(row);
  }

  private RunResult fullApply(String name) {
    EnvironmentName environment = register(name);
    RunResult result = reconcile(environment);
    check(result, RunStatus.SUCCEEDED);
    if (result.plan().changes().size() != files) {
      throw new IllegalStateException(
          "expected " + files + " creates, got " + result.plan().summary());
    }
    return result;
  }

  private EnvironmentName register(String name) {
    EnvironmentName environment = EnvironmentName.of(name);
    store.put(
        new Environment(
            environment,
            SourceName.of("bench"),
            "main",
            "env",
            null,
            null,
            TargetSpec.Directory.at(targets.resolve(name)),
            SyncPolicy.defaults().withPrune(true),
            null));
    return environment;
  }

  private RunResult reconcile(EnvironmentName environment) {
    return reconciler.reconcile(ReconcileRequest.scheduled(environment)).result();
  }

  static void check(RunResult result, RunStatus expected) {
    if (result.status() != expected) {
      throw new IllegalStateException(
          "expected " + expected + " but the run ended " + result.status() + ": " + result.error());
    }
  }

  private static double total(RunResult result) {
    return result.phases().stream().mapToLong(p -> p.duration().toNanos()).sum() / 1e6;
  }

  private static double phase(RunResult result, Phase phase) {
    return result.phases().stream()
            .filter(p -> p.phase() == phase)
            .map(PhaseTiming::duration)
            .mapToLong(Duration::toNanos)
            .sum()
        / 1e6;
  }

  private void createRepository() throws Exception {
    createRepository(repoDir, rsyncSource, files, fileSize, random);
  }

  /**
   * A Git repository at {@code repoDir} whose one commit holds {@code files} files of {@code
   * fileSize} random lowercase text under {@code dir} (100 to a directory).
   */
  static void createRepository(Path repoDir, Path dir, int files, int fileSize, Random random)
      throws Exception {
    Files.createDirectories(repoDir);
    try (Git git = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call()) {
      for (int i = 0; i < files; i++) {
        Path file = dir.resolve(String.format("d%03d/f%05d.txt", i / 100, i));
        Files.createDirectories(file.getParent());
        Files.writeString(file, randomText(fileSize, random));
      }
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("bench", "bench@example.com");
      git.commit().setMessage("files").setAuthor(who).setCommitter(who).setSign(false).call();
    }
  }

  private static String randomText(int size, Random random) {
    StringBuilder sb = new StringBuilder(size);
    while (sb.length() < size) {
      int line = Math.min(79, size - sb.length() - 1);
      for (int i = 0; i < line; i++) {
        sb.append((char) ('a' + random.nextInt(26)));
      }
      sb.append('\n');
    }
    return sb.substring(0, size);
  }

  private void rsync(List<String> flags, Path dest) {
    List<String> command = new ArrayList<>();
    command.add("rsync");
    command.addAll(flags);
    command.add("--exclude=.git");
    command.add(rsyncSource + "/");
    command.add(dest + "/");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        throw new IllegalStateException(
            "rsync failed: " + new String(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new IllegalStateException("rsync is required for the baseline: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Writes back whatever the last measure left dirty (sync(1)), so it does not slow the next. */
  private static void settle() {
    try {
      Process p = new ProcessBuilder("sync").inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("sync failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("sync(1) is required between measures: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static double time(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e6;
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static void row(
      String name, List<Double> ours, String baseline, List<Double> theirs, String goal) {
    double a = median(ours);
    double b = median(theirs);
    System.out.printf(
        "| %s | %.1f | %s | %.1f | %.2fx | %s |%n", name, a, baseline, b, a / b, goal);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
