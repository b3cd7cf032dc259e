package io.driftless.storage.jdbi;

import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.SnapshotArchive;
import io.driftless.storage.Dialect;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Applied snapshots, content-addressed: each content is stored once by its Git blob id, and a
 * snapshot is a list of (key, kind, hash). Contents no snapshot refers to any more are removed by
 * {@link #collectGarbage()}.
 */
public final class SnapshotRepository implements SnapshotArchive {
  private static final int BATCH = 1000;

  /** Bytes of contents sent in one batch, so that 10,000 files are never all in memory. */
  private static final long BATCH_BYTES = 16L * 1024 * 1024;

  private static final int SAVE_ATTEMPTS = 3;

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Clock clock;

  public SnapshotRepository(Jdbi jdbi, Dialect dialect, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.dialect = Objects.requireNonNull(dialect);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public void save(EnvironmentLocks.Lease lease, RunId run, DesiredState desired) {
    // A garbage collection running at the same moment may remove a content this save found
    // present; the foreign key refuses the entry then, and a second attempt stores the content.
    // Another environment's save may store the same content at the same moment; H2's MERGE is
    // not atomic across transactions, so its key refuses the second writer, and a second attempt
    // finds the content present.
    for (int attempt = 1; ; attempt++) {
      try {
        jdbi.useTransaction(h -> save(h, lease, run, desired));
        return;
      } catch (JdbiException e) {
        boolean raced = Sql.isForeignKeyViolation(e) || Sql.isUniqueViolation(e);
        if (!raced || attempt == SAVE_ATTEMPTS) {
          throw Sql.translate(e);
        }
      }
    }
  }

  private void save(Handle h, EnvironmentLocks.Lease lease, RunId run, DesiredState desired) {
    Instant now = Sql.micros(clock.instant());
    Fencing.check(h, lease, now);
    long envId = Sql.environmentId(h, lease.environment().value());
    Long runEnv =
        h.createQuery("SELECT environment_id FROM runs WHERE id = :id")
            .bind("id", run.value())
            .mapTo(Long.class)
            .findOne()
            .orElseThrow(() -> new NotFoundException("run", run.toString()));
    if (runEnv != envId) {
      throw new ConflictException(
          "run " + run + " does not belong to environment '" + lease.environment() + "'",
          Map.of("run", run.toString()));
    }
    storeMissingContents(h, desired.resources().values(), now);
    long snapshotId;
    try {
      snapshotId =
          h.createUpdate(
                  "INSERT INTO snapshots (run_id, environment_id, revision, created_at) VALUES"
                      + " (:run, :env, :revision, :now)")
              .bind("run", run.value())
              .bind("env", envId)
              .bind("revision", desired.revision().value())
              .bind("now", now)
              .executeAndReturnGeneratedKeys("id")
              .mapTo(Long.class)
              .one();
    } catch (JdbiException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new ConflictException(
            "run " + run + " already has a snapshot", Map.of("run", run.toString()));
      }
      throw e;
    }
    PreparedBatch entries = null;
    int pending = 0;
    for (Resource resource : desired.resources().values()) {
      if (entries == null) {
        entries =
            h.prepareBatch(
                "INSERT INTO snapshot_entries (snapshot_id, resource_key, kind, hash,"
                    + " decrypted_hash) VALUES (:snapshot, :key, :kind, :hash, :decrypted)");
      }
      boolean sealed = resource.content().sealed().isPresent();
      entries
          .bind("snapshot", snapshotId)
          .bind("key", resource.key().value())
          .bind("kind", resource.kind().name())
          .bind("hash", resource.content().stored().hash().value())
          .bind("decrypted", sealed ? resource.hash().value() : null)
          .add();
      if (++pending == BATCH) {
        entries.execute();
        entries = null;
        pending = 0;
      }
    }
    if (entries != null && pending > 0) {
      entries.execute();
    }
  }

  /** Loads and stores only the contents whose hash is not stored yet. */
  private void storeMissingContents(
      Handle h, java.util.Collection<Resource> resources, Instant now) {
    List<Resource> all = new ArrayList<>(resources);
    Set<String> seen = new HashSet<>();
    for (int from = 0; from < all.size(); from += BATCH) {
      List<Resource> chunk = all.subList(from, Math.min(all.size(), from + BATCH));
      Set<String> wanted = new HashSet<>();
      for (Resource r : chunk) {
        if (!seen.contains(r.content().stored().hash().value())) {
          wanted.add(r.content().stored().hash().value());
        }
      }
      if (wanted.isEmpty()) {
        continue;
      }
      Set<String> present =
          new HashSet<>(
              h.createQuery("SELECT hash FROM contents WHERE hash IN (<hashes>)")
                  .bindList("hashes", new ArrayList<>(wanted))
                  .mapTo(String.class)
                  .list());
      seen.addAll(present);
      PreparedBatch batch = null;
      long bytes = 0;
      for (Resource r : chunk) {
        // A decrypted SOPS file is stored in its encrypted form: the database never holds it
        // decrypted.
        Content stored = r.content().stored();
        String hash = stored.hash().value();
        if (!seen.add(hash)) {
          continue;
        }
        byte[] data = stored.bytes();
        if (!ContentHash.ofBytes(data).equals(stored.hash())) {
          throw new IllegalArgumentException(
              "content of " + r.key() + " does not match its hash " + hash);
        }
        if (batch == null) {
          batch = h.prepareBatch(dialect.insertContentIfAbsent());
        }
        batch.bind("hash", hash).bind("size", (long) data.length).bind("data", data);
        batch.bind("at", now).add();
        bytes += data.length;
        if (bytes >= BATCH_BYTES) {
          batch.execute();
          batch = null;
          bytes = 0;
        }
      }
      if (batch != null) {
        batch.execute();
      }
    }
  }

  @Override
  public Optional<Snapshot> lastApplied(EnvironmentName environment) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT s.id, s.revision FROM snapshots s JOIN environments e ON e.id ="
                        + " s.environment_id WHERE e.name = :name ORDER BY s.id DESC LIMIT 1")
                .bind("name", environment.value())
                .map((rs, ctx) -> new SnapshotRow(rs.getLong("id"), rs.getString("revision")))
                .findOne()
                .map(row -> snapshot(h, row)));
  }

  @Override
  public Optional<RunId> lastHealthy(EnvironmentName environment) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT s.run_id FROM snapshots s JOIN environments e ON e.id ="
                        + " s.environment_id JOIN runs r ON r.id = s.run_id WHERE e.name = :name"
                        + " AND r.status = 'SUCCEEDED' ORDER BY s.id DESC LIMIT 1")
                .bind("name", environment.value())
                .mapTo(Long.class)
                .findOne()
                .map(RunId::of));
  }

  /** The newest run of the environment that applied a snapshot at {@code revision}. */
  public Optional<RunId> lastAppliedAt(EnvironmentName environment, Revision revision) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT s.run_id FROM snapshots s JOIN environments e ON e.id ="
                        + " s.environment_id WHERE e.name = :name AND s.revision = :revision"
                        + " ORDER BY s.id DESC LIMIT 1")
                .bind("name", environment.value())
                .bind("revision", revision.value())
                .mapTo(Long.class)
                .findOne()
                .map(RunId::of));
  }

  @Override
  public Optional<Snapshot> ofRun(RunId run) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT id, revision FROM snapshots WHERE run_id = :run")
                .bind("run", run.value())
                .map((rs, ctx) -> new SnapshotRow(rs.getLong("id"), rs.getString("revision")))
                .findOne()
                .map(row -> snapshot(h, row)));
  }

  @Override
  public Optional<Content> content(ContentHash hash) {
    return jdbi.withHandle(h -> load(h, hash)).map(Content::of);
  }

  /** The bytes of a stored content; a {@link NotFoundException} when it is not stored. */
  public byte[] bytes(ContentHash hash) {
    return jdbi.withHandle(h -> load(h, hash))
        .orElseThrow(() -> new NotFoundException("content", hash.value()));
  }

  /** Removes contents that no snapshot refers to; returns how many. */
  public int collectGarbage() {
    try {
      return jdbi.withHandle(
          h ->
              h.createUpdate(
                      "DELETE FROM contents WHERE NOT EXISTS (SELECT 1 FROM snapshot_entries se"
                          + " WHERE se.hash = contents.hash)")
                  .execute());
    } catch (JdbiException e) {
      if (Sql.isForeignKeyViolation(e)) {
        // A snapshot being saved took a content up meanwhile; the next pass collects the rest.
        return 0;
      }
      throw e;
    }
  }

  private static Optional<byte[]> load(Handle h, ContentHash hash) {
    return h.createQuery("SELECT data FROM contents WHERE hash = :hash")
        .bind("hash", hash.value())
        .map((rs, ctx) -> rs.getBytes("data"))
        .findOne();
  }

  private static Snapshot snapshot(Handle h, SnapshotRow row) {
    SortedMap<ResourceKey, Snapshot.Entry> entries = new TreeMap<>();
    h.createQuery(
            "SELECT resource_key, kind, hash, decrypted_hash FROM snapshot_entries WHERE"
                + " snapshot_id = :id")
        .bind("id", row.id())
        .map(
            (rs, ctx) -> {
              ContentHash stored = ContentHash.of(rs.getString("hash"));
              String decrypted = rs.getString("decrypted_hash");
              return Map.entry(
                  ResourceKey.of(rs.getString("resource_key")),
                  decrypted == null
                      ? new Snapshot.Entry(ResourceKind.valueOf(rs.getString("kind")), stored)
                      : new Snapshot.Entry(
                          ResourceKind.valueOf(rs.getString("kind")),
                          ContentHash.of(decrypted),
                          stored));
            })
        .forEach(e -> entries.put(e.getKey(), e.getValue()));
    return new Snapshot(Revision.of(row.revision()), entries);
  }

  private record SnapshotRow(long id, String revision) {}
}
