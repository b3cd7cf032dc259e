package io.driftless.api.service;

import io.driftless.api.model.ChangeResponse;
import io.driftless.api.model.CompareResponse;
import io.driftless.api.model.Fields;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.model.ItemPage;
import io.driftless.api.model.RunResponse;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.RunLog;
import io.driftless.engine.port.SnapshotArchive;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.query.ChangeQuery;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.RunChange;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.engine.sensitive.SensitiveRule;
import io.driftless.engine.sensitive.SensitiveValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads runs, their changes with diffs computed from stored contents, and compares runs; sensitive
 * values show only as changed or not, and without their plain content hash.
 */
public final class RunHistory {
  private final RunLog runs;
  private final SnapshotArchive snapshots;
  private final EnvironmentCatalog environments;
  private final SensitiveValues sensitive;

  /**
   * @param stores the run history, the snapshots whose contents a change shows, and the
   *     environments whose sensitive rule masks them
   */
  public RunHistory(Stores stores, SensitiveValues sensitive) {
    this.runs = stores.runs();
    this.snapshots = stores.snapshots();
    this.environments = stores.environments();
    this.sensitive = sensitive;
  }

  public RunResponse run(RunId id) {
    return runs.summary(id)
        .map(RunResponse::from)
        .map(run -> run.withHooks(runs.commands(id)))
        .orElseThrow(() -> notFound(id));
  }

  public ItemPage<RunResponse> history(RunQuery query) {
    return ItemPage.of(runs.history(query), RunResponse::from);
  }

  public ItemPage<ChangeResponse> changes(ChangeQuery query) {
    SensitiveRule rule = rule(query.run());
    if (!"0".equals(query.cursor())) {
      return ItemPage.of(runs.changes(query), c -> change(rule, c));
    }
    // The storage refuses cursor "0" (it takes cursors for ids, which start at 1), yet a change's
    // seq starts at 0: read the first page one longer and drop seq 0.
    var page = runs.changes(new ChangeQuery(query.run(), null, query.limit() + 1));
    return new ItemPage<>(
        page.items().stream().filter(c -> c.seq() > 0).map(c -> change(rule, c)).toList(),
        page.nextCursor());
  }

  /** What {@code to} applied compared with what {@code from} applied, resource by resource. */
  public CompareResponse compare(RunId from, RunId to) {
    Snapshot a = snapshotOf(from, "a");
    Snapshot b = snapshotOf(to, "b");
    SensitiveRule rule = rule(to);
    TreeSet<ResourceKey> keys = new TreeSet<>(a.entries().keySet());
    keys.addAll(b.entries().keySet());
    Map<ResourceKey, Integer> counts = valuesChanged(to, a, b);
    List<CompareResponse.Difference> differences = new ArrayList<>();
    for (ResourceKey key : keys) {
      Snapshot.Entry before = a.get(key);
      Snapshot.Entry after = b.get(key);
      if (before != null && after != null && before.equals(after)) {
        continue;
      }
      String change = before == null ? "added" : after == null ? "removed" : "changed";
      differences.add(
          new CompareResponse.Difference(
              key.value(),
              change,
              diff(rule, key, resource(key, before), resource(key, after), counts.get(key))
                  .orElse(null)));
    }
    return new CompareResponse(
        from.value(), to.value(), a.revision().value(), b.revision().value(), differences);
  }

  /**
   * For the decrypted resources that differ from {@code a} to {@code b}, how many values changed:
   * the count run {@code to} recorded for its change, when that change started from what {@code a}
   * holds (else it is not known, and the difference shows without a count).
   */
  private Map<ResourceKey, Integer> valuesChanged(RunId to, Snapshot a, Snapshot b) {
    Map<ResourceKey, Integer> counts = new HashMap<>();
    Set<ResourceKey> decrypted = new HashSet<>();
    b.entries()
        .forEach(
            (key, entry) -> {
              if (entry.sealed() != null && !entry.equals(a.get(key))) {
                decrypted.add(key);
              }
            });
    ChangeQuery query = ChangeQuery.first(to, Page.MAX_LIMIT);
    while (!decrypted.isEmpty() && query != null) {
      Page<RunChange> page = runs.changes(query);
      for (RunChange c : page.items()) {
        Snapshot.Entry from = a.get(c.key());
        boolean sameStart =
            from == null ? c.beforeHash() == null : from.hash().equals(c.beforeHash());
        if (c.valuesChanged() != null && decrypted.remove(c.key()) && sameStart) {
          counts.put(c.key(), c.valuesChanged());
        }
      }
      query = page.nextCursor() == null ? null : query.after(page.nextCursor());
    }
    return counts;
  }

  private Snapshot snapshotOf(RunId id, String field) {
    run(id);
    return snapshots
        .ofRun(id)
        .orElseThrow(
            () -> new InvalidFieldException(field, "run " + id + " applied nothing to compare"));
  }

  /** The sensitive rule of the run's environment (of today's spec: a glob added later applies). */
  private SensitiveRule rule(RunId id) {
    return runs.summary(id)
        .flatMap(run -> environments.view(run.environment()))
        .map(e -> e.environment().sensitive().withDecrypted(decrypted(id, e.environment().name())))
        .orElse(SensitiveRule.secretsOnly());
  }

  /**
   * The files decrypted from SOPS files in what the run applied, or else what its environment last
   * applied (a run that failed before it recorded a snapshot).
   */
  private List<ResourceKey> decrypted(RunId id, EnvironmentName environment) {
    List<ResourceKey> keys = new ArrayList<>();
    for (Optional<Snapshot> snapshot :
        List.of(snapshots.ofRun(id), snapshots.lastApplied(environment))) {
      snapshot.ifPresent(
          s ->
              s.entries()
                  .forEach(
                      (key, entry) -> {
                        if (entry.sealed() != null) {
                          keys.add(key);
                        }
                      }));
    }
    return keys;
  }

  private ChangeResponse change(SensitiveRule rule, RunChange c) {
    Resource before = resource(c.key(), c.beforeKind(), c.beforeHash());
    Resource after = resource(c.key(), c.afterKind(), c.afterHash());
    Optional<String> diff = diff(rule, c.key(), before, after, c.valuesChanged());
    return new ChangeResponse(
        c.seq(),
        c.key().value(),
        Fields.lower(c.action()),
        Fields.lower(c.result()),
        diff.isPresent()
            ? c.message()
            : join(c.message(), "diff unavailable: a content is no longer stored"),
        c.adopt(),
        c.drift(),
        sensitive.shownHash(rule, c.key(), c.beforeHash()),
        sensitive.shownHash(rule, c.key(), c.afterHash()),
        diff.orElse(null));
  }

  private Optional<String> diff(
      SensitiveRule rule, ResourceKey key, Resource before, Resource after, Integer valuesChanged) {
    try {
      return Optional.of(sensitive.diff(rule, key, before, after, valuesChanged));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private Resource resource(ResourceKey key, Snapshot.Entry entry) {
    return entry == null ? null : resource(key, entry.kind(), entry.hash());
  }

  /** A resource whose bytes are read from the snapshot store only when the diff needs them. */
  private Resource resource(ResourceKey key, ResourceKind kind, ContentHash hash) {
    if (hash == null || kind == null) {
      return null;
    }
    return new Resource(key, kind, Content.lazy(hash, () -> snapshots.bytes(hash)));
  }

  private static String join(String a, String b) {
    return a == null || a.isEmpty() ? b : a + "; " + b;
  }

  private static NotFoundException notFound(RunId id) {
    return new NotFoundException("run", id.toString());
  }
}
