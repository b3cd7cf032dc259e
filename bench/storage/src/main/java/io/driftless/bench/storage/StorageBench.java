package io.driftless.bench.storage;

import io.driftless.bench.Machine;
import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Phase;
import io.driftless.engine.domain.PhaseTiming;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.query.EnvironmentQuery;
import io.driftless.engine.port.query.EnvironmentSummary;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.engine.port.query.RunSummary;
import io.driftless.storage.Storage;
import io.driftless.storage.StorageConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The storage benchmark: run history at scale.
 *
 * <ol>
 *   <li>run inserts through the repositories (create + complete with a 5-change result), on one
 *       thread and on several;
 *   <li>bulk load up to {@code runs} runs spread evenly over {@code environments} environments
 *       (plain JDBC batches: loading a million runs through two transactions each would only
 *       measure the same thing for longer);
 *   <li>p50/p99 of "the latest 50 runs of one environment" and of "all environments with their last
 *       run", through the repositories, mapping included.
 * </ol>
 *
 * Usage: {@code java -jar bench/storage/target/driftless-bench-storage.jar h2|postgres [runs]
 * [environments] [samples]}. PostgreSQL is reached at {@code DRIFTLESS_BENCH_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), in a schema of its own that is
 * dropped at the end; H2 is a file database in a temporary directory.
 */
public final class StorageBench {
  private static final int INSERT_SAMPLE = 10_000;
  private static final int BULK_BATCH = 5_000;

  private final String db;
  private final int runs;
  private final int environments;
  private final int samples;
  private final Random random = new Random(42);

  private StorageBench(String db, int runs, int environments, int samples) {
    this.db = db;
    this.runs = runs;
    this.environments = environments;
    this.samples = samples;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || !(args[0].equals("h2") || args[0].equals("postgres"))) {
      System.err.println("usage: StorageBench h2|postgres [runs] [environments] [samples]");
      System.exit(2);
    }
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int environments = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    int samples = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
    new StorageBench(args[0], runs, environments, samples).run();
  }

  private void run() throws Exception {
    Path work = Files.createTempDirectory("driftless-storage-bench");
    Path key = work.resolve("bench.key");
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    Files.writeString(key, Base64.getEncoder().encodeToString(raw));
    String adminUrl = null;
    String schema = null;
    StorageConfig config;
    if (db.equals("postgres")) {
      adminUrl =
          System.getenv()
              .getOrDefault(
                  "DRIFTLESS_BENCH_POSTGRES_URL",
                  "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
      schema = "bench_" + System.currentTimeMillis();
      execute(adminUrl, "CREATE SCHEMA " + schema);
      String url = adminUrl + (adminUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      config = new StorageConfig(url, null, null, 8, true, work, key, null, null);
    } else {
      config = StorageConfig.h2(work).withKeyFile(key).withPoolSize(8);
    }
    System.out.printf(
        "# storage bench: %s, %,d runs over %,d environments, %,d samples per query%n",
        db, runs, environments, samples);
    System.out.println("# machine: " + Machine.describe());
    try (Storage storage = Storage.open(config, Clock.systemUTC())) {
      List<EnvironmentName> names = register(storage);
      List<EnvironmentLocks.Lease> leases = new ArrayList<>();
      for (EnvironmentName name : names) {
        leases.add(storage.locks().tryAcquire(name, "bench", Duration.ofDays(1)).orElseThrow());
      }
      int inserted = 0;
      inserted += insertRate(storage, names, leases, 1, Math.min(INSERT_SAMPLE, runs / 4), true);
      inserted += insertRate(storage, names, leases, 4, Math.min(INSERT_SAMPLE, runs / 4), true);
      inserted += insertRate(storage, names, leases, 1, Math.min(INSERT_SAMPLE, runs / 4), false);
      inserted +=
          insertRate(storage, names, leases, 4, Math.min(INSERT_SAMPLE, runs - inserted), false);
      bulkLoad(storage, runs - inserted);
      latest50(storage, names);
      allWithLastRun(storage);
    } finally {
      if (schema != null) {
        execute(adminUrl, "DROP SCHEMA " + schema + " CASCADE");
      }
      deleteTree(work);
    }
  }

  private List<EnvironmentName> register(Storage storage) {
    SourceName source = SourceName.of("bench");
    storage.sources().register(Source.of(source, "https://git.example.com/bench.git"));
    List<EnvironmentName> names = new ArrayList<>();
    for (int i = 0; i < environments; i++) {
      EnvironmentName name = EnvironmentName.of(String.format("env-%05d", i));
      storage
          .environments()
          .register(
              new io.driftless.engine.domain.Environment(
                  name,
                  source,
                  "main",
                  "envs/" + i,
                  null,
                  null,
                  TargetSpec.Directory.at(Path.of("/srv/bench/" + i)),
                  null,
                  null));
      names.add(name);
    }
    return names;
  }

  /** Inserts {@code count} runs through the repositories; prints runs per second. */
  private int insertRate(
      Storage storage,
      List<EnvironmentName> names,
      List<EnvironmentLocks.Lease> leases,
      int threads,
      int count,
      boolean complete)
      throws Exception {
    if (count <= 0) {
      return 0;
    }
    RunResult result = sampleResult();
    AtomicLong next = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    int env = (int) (i % names.size());
                    Instant now = Instant.now();
                    RunId id = storage.runs().create(names.get(env), Trigger.schedule(), now);
                    if (complete) {
                      storage.runs().complete(id, leases.get(env), result, now);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "insert runs (%s), %d thread%s: %,.0f runs/s (%,d in %.1f s)%n",
        complete
            ? "create + complete with 5 changes, 2 transactions"
            : "create only, 1 transaction",
        threads,
        threads == 1 ? "" : "s",
        count / seconds,
        count,
        seconds);
    return count;
  }

  private static RunResult sampleResult() {
    List<Change> changes = new ArrayList<>();
    List<ResourceOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Resource r =
          new Resource(
              ResourceKey.of("conf.d/site-" + i + ".conf"),
              ResourceKind.FILE,
              io.driftless.engine.domain.Content.of(
                  ("server " + i).getBytes(StandardCharsets.UTF_8)));
      Change c = Change.create(r);
      changes.add(c);
      outcomes.add(new ResourceOutcome(c, ResourceOutcome.Result.APPLIED, ""));
    }
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return RunResult.succeeded(Revision.of("0123456789abcdef0123456789abcdef01234567"))
        .withPlan(new Plan(changes, List.of(), List.of()), outcomes)
        .withPhases(
            List.of(
                new PhaseTiming(Phase.FETCH, t, Duration.ofMillis(40)),
                new PhaseTiming(Phase.APPLY, t, Duration.ofMillis(12))));
  }

  /** Plain JDBC batches straight into the runs table; the queries below do not read changes. */
  private void bulkLoad(Storage storage, int count) throws SQLException {
    if (count <= 0) {
      return;
    }
    long start = System.nanoTime();
    List<Long> envIds = ids(storage, "SELECT id FROM environments ORDER BY id");
    Instant base = Instant.now().minus(Duration.ofDays(30));
    String phases =
        "[{\"phase\":\"FETCH\",\"startedAtSeconds\":1767225600,\"startedAtNanos\":0,"
            + "\"durationNanos\":40000000}]";
    try (Connection c = storage.lentPool().dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO runs (environment_id, trigger_type, actor, reason, status, revision,"
                  + " created_at, started_at, finished_at, creates, updates, deletes, applied,"
                  + " phases_json) VALUES (?, 'SCHEDULE', 'scheduler', '', ?, ?, ?, ?, ?, ?, ?,"
                  + " ?, ?, ?)")) {
        for (int i = 0; i < count; i++) {
          long env = envIds.get(i % envIds.size());
          var at = base.plusMillis(i * 2L).atOffset(ZoneOffset.UTC);
          boolean failed = random.nextInt(20) == 0;
          s.setLong(1, env);
          s.setString(2, failed ? "FAILED" : "SUCCEEDED");
          s.setString(3, String.format("%040x", i));
          s.setObject(4, at);
          s.setObject(5, at);
          s.setObject(6, at.plusSeconds(1));
          s.setInt(7, random.nextInt(3));
          s.setInt(8, random.nextInt(5));
          s.setInt(9, 0);
          s.setInt(10, random.nextInt(8));
          s.setString(11, phases);
          s.addBatch();
          if ((i + 1) % BULK_BATCH == 0) {
            s.executeBatch();
            c.commit();
          }
        }
        s.executeBatch();
        c.commit();
      }
      try (Statement s = c.createStatement()) {
        s.executeUpdate(
            "UPDATE environments SET last_run_id = (SELECT MAX(r.id) FROM runs r WHERE"
                + " r.environment_id = environments.id)");
        c.commit();
        // Fresh statistics, as autovacuum would have them after a load this size.
        s.execute("ANALYZE");
        c.commit();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "bulk load (JDBC batches, not the measured path): %,d runs in %.1f s (%,.0f runs/s)%n",
        count,
        seconds,
        count / seconds);
  }

  private void latest50(Storage storage, List<EnvironmentName> names) {
    for (int i = 0; i < 200; i++) {
      storage.runs().history(RunQuery.latest(names.get(random.nextInt(names.size())), 50));
    }
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      EnvironmentName env = names.get(random.nextInt(names.size()));
      long t = System.nanoTime();
      Page<RunSummary> page = storage.runs().history(RunQuery.latest(env, 50));
      nanos[i] = System.nanoTime() - t;
      if (page.items().isEmpty()) {
        throw new IllegalStateException("no runs for " + env);
      }
    }
    report("latest 50 runs of one environment", nanos);
    List<Long> ids = ids(storage, "SELECT id FROM environments");
    report(
        "  the same, SQL alone (plain JDBC, every column read as text)",
        sqlAlone(
            storage,
            "SELECT r.* FROM runs r WHERE r.environment_id = ? ORDER BY r.environment_id DESC,"
                + " r.id DESC LIMIT 51",
            ids));
  }

  private static List<Long> ids(Storage storage, String sql) {
    List<Long> ids = new ArrayList<>();
    try (Connection c = storage.lentPool().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql);
        var rs = s.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return ids;
  }

  /** The query without Jdbi or mapping, to tell database time from Java time. */
  private long[] sqlAlone(Storage storage, String sql, List<Long> ids) {
    long[] nanos = new long[samples];
    try (Connection c = storage.lentPool().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = -200; i < samples; i++) {
        long t = System.nanoTime();
        if (ids != null) {
          s.setLong(1, ids.get(random.nextInt(ids.size())));
        }
        try (var rs = s.executeQuery()) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int col = 1; col <= columns; col++) {
              rs.getString(col);
            }
          }
        }
        if (i >= 0) {
          nanos[i] = System.nanoTime() - t;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return nanos;
  }

  private void allWithLastRun(Storage storage) {
    for (int i = 0; i < 20; i++) {
      storage.environments().list(EnvironmentQuery.all(Page.MAX_LIMIT));
    }
    int n = Math.max(50, samples / 10);
    long[] all = new long[n];
    long[] first = new long[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      Page<EnvironmentSummary> page =
          storage.environments().list(EnvironmentQuery.all(Page.MAX_LIMIT));
      all[i] = System.nanoTime() - t;
      if (page.items().size() != Math.min(environments, Page.MAX_LIMIT)
          || page.items().get(0).lastRun() == null) {
        throw new IllegalStateException("unexpected listing: " + page.items().size());
      }
      t = System.nanoTime();
      storage.environments().list(EnvironmentQuery.all(50));
      first[i] = System.nanoTime() - t;
    }
    report(
        "all environments with their last run ("
            + Math.min(environments, Page.MAX_LIMIT)
            + " rows)",
        all);
    report("first page of environments with their last run (50 rows)", first);
    report(
        "  all environments, SQL alone (plain JDBC, every column read as text)",
        sqlAlone(
            storage,
            "SELECT e.id, e.spec_version, e.name, e.pinned_revision, e.suspended,"
                + " e.applied_revision, e.head_revision, e.health, e.drift, e.last_checked_at,"
                + " r.id, r.trigger_type, r.actor, r.status, r.revision, r.created_at,"
                + " r.started_at, r.finished_at, r.creates, r.updates, r.deletes, r.phases_json,"
                + " r.error_code FROM environments e LEFT JOIN runs r ON r.id = e.last_run_id"
                + " ORDER BY e.name LIMIT 1001",
            null));
  }

  private static void report(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%,d samples)%n",
        what,
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
        sorted[sorted.length - 1] / 1e6,
        sorted.length);
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
