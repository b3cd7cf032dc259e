package io.driftless.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.CredentialOrigins;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.git.jgit.JGitMirror;
import io.driftless.engine.port.memory.MemoryCredentials;
import io.driftless.engine.port.memory.MemoryStore;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.reconcile.EnginePorts;
import io.driftless.engine.reconcile.ReconcileRequest;
import io.driftless.engine.reconcile.Reconciler;
import io.driftless.engine.render.FilesRenderer;
import io.driftless.engine.render.RenderCache;
import io.driftless.engine.target.TargetsByType;
import io.driftless.ssh.SshTimeouts;
import io.driftless.ssh.target.SshTargetFactory;
import io.driftless.ssh.testing.Sshd;
import io.driftless.ssh.testing.TestSshKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The ssh target's benchmark (issue 24): {@code files} files of {@code fileSize} bytes kept on
 * {@code hosts} local OpenSSH servers (the {@link Sshd} harness of the tests, each host with its
 * own root mounted at one path), beside {@code rsync} over ssh to the same hosts in the same run,
 * ten hosts at a time as the target's default rollout:
 *
 * <ul>
 *   <li>first apply into an empty root on every host vs {@code rsync -a --delete --fsync -e ssh};
 *   <li>no-op checks of the environment in sync vs {@code rsync -a --delete --dry-run -e ssh}: one
 *       right after the apply (the files are within the stat cache's racy window, so their content
 *       is read again), one after waiting out that window (the racily recorded hashes are checked
 *       once more by reading), and a later one (what a scheduled drift check sees: stats only).
 * </ul>
 *
 * Each Driftless figure is the whole reconcile (connections where none is kept from the last run,
 * recovery, read, diff, apply) timed from outside; each rsync figure the wall time of one rsync per
 * host, all started at once. Needs root, unshare(1), Debian's openssh-server and rsync.
 */
public final class SshBench {
  private static final CredentialName DEPLOY = CredentialName.of("deploy");
  private static final SourceName SITE = SourceName.of("bench");

  /** Longer after an apply than the ssh target's racy window (10 s) and the mtime's second. */
  private static final Duration PAST_RACY_WINDOW = Duration.ofSeconds(12);

  private final int hostCount;
  private final int files;
  private final int fileSize;
  private final int rounds;
  private final Path work;
  private final Path fleet;
  private final Path source;
  private final List<Sshd> hosts = new ArrayList<>();
  private TestSshKey key;
  private Path keyFile;
  private Path knownHostsFile;
  private String knownHosts;
  private MemoryStore store;
  private JGitMirror git;
  private SshTargetFactory factory;
  private Reconciler reconciler;

  private SshBench(int hostCount, int files, int fileSize, int rounds, Path work) {
    this.hostCount = hostCount;
    this.files = files;
    this.fileSize = fileSize;
    this.rounds = rounds;
    this.work = work;
    this.fleet = work.resolve("fleet");
    this.source = work.resolve("repo/env");
  }

  public static void main(String[] args) throws Exception {
    int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int fileSize = args.length > 2 ? Integer.parseInt(args[2]) : 4096;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Path work =
        args.length > 4
            ? Path.of(args[4]).toAbsolutePath()
            : Files.createTempDirectory("driftless-ssh-bench");
    if (!Sshd.canMountRoots()) {
      throw new IllegalStateException("local hosts at one root need root and unshare(1)");
    }
    SshBench bench = new SshBench(hosts, files, fileSize, rounds, work);
    try {
      bench.run();
    } finally {
      bench.close();
      EngineBench.deleteTree(work);
    }
  }

  private void run() throws Exception {
    System.out.printf(
        "SSH benchmark: %,d files of %,d bytes to %d hosts, %d rounds, work dir %s%n",
        files, fileSize, hostCount, rounds, work);
    System.out.printf("Machine: %s%n", Machine.describe());
    EngineBench.createRepository(work.resolve("repo"), source, files, fileSize, new Random(42));
    startHosts();
    startEngine();

    // Warm-up: clone, render, JIT, the hosts' first logins; not measured.
    fullApply("warm");
    rsyncAll(List.of("-a", "--delete", "--fsync"), "rsync-warm");

    List<Double> oursFull = new ArrayList<>();
    List<Double> rsyncFull = new ArrayList<>();
    List<Double> oursFirst = new ArrayList<>();
    List<Double> rsyncFirst = new ArrayList<>();
    List<Double> oursPast = new ArrayList<>();
    List<Double> rsyncPast = new ArrayList<>();
    List<Double> oursLater = new ArrayList<>();
    List<Double> rsyncLater = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      EnvironmentName env = register("full-" + i);
      oursFull.add(EngineBench.time(() -> EngineBench.check(reconcile(env), RunStatus.SUCCEEDED)));
      long applied = System.nanoTime();
      String dest = "rsync-full-" + i;
      rsyncFull.add(EngineBench.time(() -> rsyncAll(List.of("-a", "--delete", "--fsync"), dest)));
      oursFirst.add(noop(env));
      rsyncFirst.add(rsyncNoop(dest));
      // Wait out the stat cache's racy window (SFTP mtimes are whole seconds): a stat recorded
      // within it is checked by reading the file once more; one recorded past it is trusted.
      Thread.sleep(
          Math.max(0, PAST_RACY_WINDOW.toNanos() - (System.nanoTime() - applied)) / 1_000_000);
      oursPast.add(noop(env));
      rsyncPast.add(rsyncNoop(dest));
      oursLater.add(noop(env));
      rsyncLater.add(rsyncNoop(dest));
      System.out.printf(
          "round %d: first apply %.0f ms (rsync %.0f ms); no-op right after the apply %.0f ms"
              + " (rsync %.0f ms), first past the racy window %.0f ms (rsync %.0f ms), later %.0f"
              + " ms (rsync %.0f ms)%n",
          i,
          oursFull.get(i),
          rsyncFull.get(i),
          oursFirst.get(i),
          rsyncFirst.get(i),
          oursPast.get(i),
          rsyncPast.get(i),
          oursLater.get(i),
          rsyncLater.get(i));
    }
    System.out.println();
    System.out.println(
        "| measure | Driftless (median ms) | baseline | baseline (median ms) | ratio | goal |");
    System.out.println("|---|---|---|---|---|---|");
    String dryRun = "`rsync -a --delete --dry-run -e ssh`";
    EngineBench.row(
        "first apply, " + hostCount + " hosts",
        oursFull,
        "`rsync -a --delete --fsync -e ssh`",
        rsyncFull,
        "<= 1.5x");
    EngineBench.row(
        "no-op check right after the apply (reads every file again), " + hostCount + " hosts",
        oursFirst,
        dryRun,
        rsyncFirst,
        "(<= 0.5x)");
    EngineBench.row(
        "first no-op check past the racy window, " + hostCount + " hosts",
        oursPast,
        dryRun,
        rsyncPast,
        "(<= 0.5x)");
    EngineBench.row(
        "next no-op check (what a scheduled drift check sees), " + hostCount + " hosts",
        oursLater,
        dryRun,
        rsyncLater,
        "<= 0.5x");
  }

  /** Times one scheduled check that must find nothing to do, and prints where its time went. */
  private double noop(EnvironmentName env) {
    RunResult[] result = new RunResult[1];
    double ms = EngineBench.time(() -> result[0] = reconcile(env));
    EngineBench.check(result[0], RunStatus.NO_OP);
    System.out.println("  no-op phases: " + phases(result[0]));
    return ms;
  }

  /** Where a run's time went, phase by phase, for a reader of the output. */
  private static String phases(RunResult result) {
    return result.phases().stream()
        .map(
            p ->
                p.phase().name().toLowerCase(java.util.Locale.ROOT)
                    + " "
                    + p.duration().toMillis()
                    + " ms")
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private double rsyncNoop(String dest) {
    return EngineBench.time(() -> rsyncAll(List.of("-a", "--delete", "--dry-run"), dest));
  }

  private void startHosts() throws IOException {
    Files.createDirectories(fleet);
    key = TestSshKey.generate(work.resolve("keys"), "deploy");
    keyFile = work.resolve("keys/deploy");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < hostCount; i++) {
      Sshd host = Sshd.in(work.resolve("host" + i)).authorize(key).rootMountedAt(fleet).start();
      hosts.add(host);
      lines.append(host.knownHostsLine()).append('\n');
    }
    knownHosts = lines.toString();
    knownHostsFile = Files.writeString(work.resolve("known_hosts"), knownHosts);
  }

  private void startEngine() {
    Clock clock = Clock.systemUTC();
    store = new MemoryStore(clock);
    MemoryCredentials credentials = new MemoryCredentials(store, clock);
    credentials.add(
        DEPLOY,
        new Credential.SshKey(Secret.of(new String(key.privateKey(), UTF_8)), null),
        CredentialOrigins.none(),
        List.of(),
        "bench");
    store.put(Source.of(SITE, work.resolve("repo").toUri().toString()));
    git = new JGitMirror(work.resolve("git"), Duration.ofSeconds(60));
    factory =
        new SshTargetFactory(
            new SshTargetFactory.Limits(List.of("127.0.0.1"), List.of(fleet.toString())),
            credentials,
            CommandPolicy.off(),
            new SshTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(60)),
            clock);
    reconciler =
        new Reconciler(
            git.reader(),
            (src, commit) -> {},
            new RenderCache(new FilesRenderer(git.reader()), 16),
            new TargetsByType(Map.of("ssh", factory)),
            EnginePorts.of(store),
            clock,
            new Reconciler.Settings("bench", Duration.ofMinutes(5)),
            null,
            null);
  }

  private void fullApply(String name) {
    EngineBench.check(reconcile(register(name)), RunStatus.SUCCEEDED);
  }

  /** An environment keeping the files under {@code fleet/name} on every host. */
  private EnvironmentName register(String name) {
    EnvironmentName env = EnvironmentName.of(name);
    TargetSpec.Ssh target =
        new TargetSpec.Ssh(
            hosts.stream().map(h -> h.host().toString()).toList(),
            hosts.get(0).user(),
            DEPLOY,
            knownHosts,
            fleet.resolve(name).toString(),
            null,
            null,
            null,
            null);
    store.put(
        new Environment(env, SITE, "main", "env", null, null, target, SyncPolicy.defaults(), null));
    return env;
  }

  private RunResult reconcile(EnvironmentName env) {
    return reconciler.reconcile(ReconcileRequest.scheduled(env)).result();
  }

  /** One rsync per host into {@code fleet/dest}, all at once; fails unless each succeeds. */
  private void rsyncAll(List<String> flags, String dest) {
    List<Process> running = new ArrayList<>();
    try {
      for (Sshd host : hosts) {
        List<String> command = new ArrayList<>(List.of("rsync"));
        command.addAll(flags);
        command.add("--exclude=.git");
        command.add(
            "--rsh=ssh -F /dev/null -p "
                + host.port()
                + " -i "
                + keyFile
                + " -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes"
                + " -o UserKnownHostsFile="
                + knownHostsFile);
        command.add(source + "/");
        command.add(host.user() + "@127.0.0.1:" + fleet.resolve(dest) + "/");
        running.add(
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                    ProcessBuilder.Redirect.appendTo(work.resolve("rsync.log").toFile()))
                .start());
      }
      for (Process p : running) {
        if (p.waitFor() != 0) {
          throw new IllegalStateException(
              "rsync failed (exit " + p.exitValue() + "), see " + work.resolve("rsync.log"));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("rsync and ssh are required for the baseline: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void close() {
    if (reconciler != null) {
      reconciler.close();
      factory.close();
      git.close();
    }
    hosts.forEach(Sshd::close);
  }
}
