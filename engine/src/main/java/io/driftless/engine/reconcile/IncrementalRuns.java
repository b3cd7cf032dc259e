package io.driftless.engine.reconcile;

import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.git.GitException;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.PathChanges;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.port.SnapshotStore;
import io.driftless.engine.reconcile.SyncDecision.Selection;
import io.driftless.engine.render.IgnoreRules;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step: what a run renders and compares. A run that follows a new revision of an environment this
 * process last left in sync renders only the files the commits since changed in its path (the Git
 * tree diff of the path between the two revisions) and compares only those, plus every key on which
 * the inventory and desired state disagree; the rest of its desired state is the last applied
 * snapshot, which Git did not change. A commit outside the path renders nothing and reads no live
 * state. Every other run renders and compares the whole path: {@link #fallback} says when.
 *
 * <p>What a run left in sync is kept in memory, one entry per environment: the spec and decryption
 * keys it was rendered with, its revision, an id of its snapshot, and whether it read all of live
 * state. The entry is dropped when a run starts and kept again only when the run ends with every
 * planned change applied; so a failed, partial or held-back run, a restart, or a run of another
 * replica (whose snapshot then differs) makes the next run whole.
 */
final class IncrementalRuns {
  private static final Logger LOG = LoggerFactory.getLogger(IncrementalRuns.class);

  /**
   * What a run renders.
   *
   * @param state the desired state, complete (its snapshot is what a whole render would give)
   * @param changed the keys the commits changed, the only desired keys compared; null when every
   *     key is compared
   * @param applied the last applied snapshot {@code state} was built on; null when it was rendered
   *     whole
   * @param keys the decryption keys it was rendered with ({@link RevisionRenderer#decryptionKeys})
   * @param fromGit whether it was rendered from Git with the environment's spec of now (not read
   *     back from a snapshot)
   * @param fingerprint {@link #fingerprint(DesiredState)} of {@code state} when known without a
   *     pass over it (updated from {@code applied}'s); null otherwise
   */
  record Rendered(
      DesiredState state,
      Set<ResourceKey> changed,
      Snapshot applied,
      List<String> keys,
      boolean fromGit,
      Long fingerprint) {

    boolean whole() {
      return changed == null;
    }
  }

  /** A state a run of this process left in sync. */
  record InSync(
      Environment spec, List<String> keys, Revision revision, long snapshot, boolean scanned) {}

  private final GitReader git;
  private final SnapshotStore snapshots;
  private final RevisionRenderer renderer;
  private final Map<EnvironmentName, InSync> inSync = new ConcurrentHashMap<>();

  IncrementalRuns(GitReader git, SnapshotStore snapshots, RevisionRenderer renderer) {
    this.git = git;
    this.snapshots = snapshots;
    this.renderer = renderer;
  }

  /** The desired state of {@code environment} at {@code revision}: changed, or rendered whole. */
  Rendered render(
      Environment environment, Source source, SyncQuestion question, Revision revision) {
    InSync base = inSync.remove(environment.name());
    List<String> keys = renderer.decryptionKeys(environment, source);
    String fallback = fallback(base, environment, keys, question, revision);
    Rendered changed = fallback == null ? changed(base, environment, source, revision, keys) : null;
    if (changed != null) {
      return changed;
    }
    if (fallback != null) {
      LOG.debug("environment {}: rendered whole: {}", environment.name(), fallback);
    }
    return new Rendered(
        renderer.render(source, environment, revision), null, null, keys, true, null);
  }

  /** A desired state read back from a stored snapshot: compared whole, and never kept. */
  Rendered stored(EnvironmentName environment, DesiredState state) {
    inSync.remove(environment);
    return new Rendered(state, null, null, null, false, null);
  }

  /**
   * Keeps what a run left in sync: the placed {@code desired} state when every planned change was
   * applied (or there was none). Nothing for a state read back from a snapshot.
   */
  void settled(
      Environment environment, Rendered rendered, DesiredState desired, Selection selection) {
    if (rendered.fromGit() && selection.skipped().stream().allMatch(Objects::isNull)) {
      // The directory target places the rendered state itself: its fingerprint is known.
      long fingerprint =
          rendered.fingerprint() != null && desired == rendered.state()
              ? rendered.fingerprint()
              : fingerprint(desired);
      inSync.put(
          environment.name(),
          new InSync(
              environment, rendered.keys(), desired.revision(), fingerprint, rendered.whole()));
    }
  }

  /**
   * An id of the snapshot that {@code desired} is stored as ({@link Snapshot#of}): equal to {@link
   * #fingerprint(Snapshot)} of that snapshot. The sum of a 64-bit mix of each resource (64 bits of
   * its content hash, with its key and kind), so that it can be updated for a few changed entries
   * without a pass over the others ({@link #updated}); a few microseconds a thousand resources.
   */
  static long fingerprint(DesiredState desired) {
    long sum = 0;
    for (Resource resource : desired.resources().values()) {
      sum += mix(resource);
    }
    return finish(sum, desired.size());
  }

  /** An id of a snapshot's entries, as {@link #fingerprint(DesiredState)}. */
  static long fingerprint(Snapshot snapshot) {
    return finish(sum(snapshot), snapshot.entries().size());
  }

  /** The sum of a snapshot's entries, which {@link #updated} starts from. */
  static long sum(Snapshot snapshot) {
    long sum = 0;
    for (Map.Entry<ResourceKey, Snapshot.Entry> e : snapshot.entries().entrySet()) {
      sum += mix(e.getKey(), e.getValue());
    }
    return sum;
  }

  /**
   * {@link #fingerprint(DesiredState)} of {@code state}, which holds {@code applied}'s entries
   * except at {@code changed} keys, from {@code sum}, the sum of {@code applied}'s entries: one
   * step per changed key.
   */
  static long updated(long sum, Snapshot applied, DesiredState state, Set<ResourceKey> changed) {
    for (ResourceKey key : changed) {
      Snapshot.Entry before = applied.get(key);
      if (before != null) {
        sum -= mix(key, before);
      }
      Resource now = state.get(key);
      if (now != null) {
        sum += mix(now);
      }
    }
    return finish(sum, state.size());
  }

  private static long finish(long sum, int size) {
    return step(step(0, size), sum);
  }

  private static long mix(Resource resource) {
    ContentHash sealed = resource.content().sealed().map(Content::hash).orElse(null);
    return mix(resource.key(), resource.kind(), resource.hash(), sealed);
  }

  private static long mix(ResourceKey key, Snapshot.Entry entry) {
    return mix(key, entry.kind(), entry.hash(), entry.sealed());
  }

  private static long mix(
      ResourceKey key, ResourceKind kind, ContentHash hash, ContentHash sealed) {
    long id = step(0, ((long) key.value().hashCode() << 32) | key.value().length());
    id = step(id, kind.ordinal());
    id = step(id, Long.parseUnsignedLong(hash.value(), 0, 16, 16));
    return step(id, sealed == null ? -1 : Long.parseUnsignedLong(sealed.value(), 0, 16, 16));
  }

  private static long step(long id, long value) {
    return Long.rotateLeft((id ^ value) * 0x9E3779B97F4A7C15L, 29);
  }

  /**
   * Why the run renders and compares the whole path; null when it may do only what changed. The
   * rules: it follows a new revision; the run that last left the environment in sync was of this
   * process, with the same spec (renderer, variables, target, sync policy: any field) and the same
   * decryption keys; the last check found it neither out of sync nor drifted; it is not pinned; the
   * renderer is {@code files} (each file its own resource) without {@code variables.from}; the
   * target is a directory (whose resources are the rendered files themselves); no dry run, prune
   * override or requested revision; not a rollback or a retirement; and a scheduled poll follows a
   * run that read all of live state, so that drift is looked for at least every other poll even
   * while every poll finds a new commit. Ignore rules changed by the commit are checked with the
   * tree diff.
   */
  static String fallback(
      InSync base,
      Environment environment,
      List<String> keys,
      SyncQuestion question,
      Revision revision) {
    EnvironmentState state = question.state();
    SyncOptions options = question.options();
    TriggerType trigger = question.trigger();
    if (base == null) {
      return "no run of this process left it in sync";
    } else if (revision.equals(base.revision())) {
      return "no new revision: the whole target is checked";
    } else if (!base.spec().equals(environment)) {
      return "its spec changed since it was last in sync";
    } else if (!Objects.equals(base.keys(), keys)) {
      return "its decryption keys changed since it was last in sync";
    } else if (state.outOfSync() || state.drift() || state.pinned()) {
      return "out of sync, drifted or pinned at the last check";
    } else if (!(environment.renderer() instanceof RendererSpec.Files)
        || !environment.variables().from().isEmpty()) {
      return "its renderer is not the files renderer, or it reads variables.from";
    } else if (!(environment.target() instanceof TargetSpec.Directory)) {
      return "its target is not a directory";
    } else if (options.dryRun() || options.prune() != null || options.revision() != null) {
      return "a dry run, a prune override or a requested revision";
    } else if (trigger == TriggerType.ROLLBACK
        || trigger == TriggerType.AUTO_ROLLBACK
        || trigger == TriggerType.RETIRE) {
      return "a rollback or a retirement";
    } else if (trigger == TriggerType.SCHEDULE && !base.scanned()) {
      return "the last run did not read all of live state";
    }
    return null;
  }

  /**
   * The desired state at {@code revision} as the last applied snapshot changed by the commits since
   * {@code base}; null when it must be rendered whole after all.
   */
  private Rendered changed(
      InSync base, Environment environment, Source source, Revision revision, List<String> keys) {
    EnvironmentName name = environment.name();
    Snapshot applied = snapshots.lastApplied(name).orElse(null);
    long sum = applied == null ? 0 : sum(applied);
    if (applied == null || finish(sum, applied.entries().size()) != base.snapshot()) {
      LOG.debug("environment {}: rendered whole: its last snapshot is another run's", name);
      return null;
    }
    PathChanges changes;
    try {
      changes = git.changes(source, base.revision(), revision, environment.path());
    } catch (GitException e) {
      LOG.debug("environment {}: rendered whole: {}", name, e.getMessage());
      return null;
    }
    if (changes.changed().stream().anyMatch(e -> e.path().equals(IgnoreRules.FILE_NAME))
        || changes.removed().contains(IgnoreRules.FILE_NAME)) {
      LOG.debug("environment {}: rendered whole: its ignore rules changed", name);
      return null;
    }
    DesiredState rendered =
        changes.isEmpty() ? null : renderer.renderChanges(source, environment, changes);
    Set<ResourceKey> changed = new HashSet<>();
    if (rendered != null) {
      changed.addAll(rendered.resources().keySet());
    }
    for (String path : changes.removed()) {
      keyOf(path).filter(k -> applied.get(k) != null).ifPresent(changed::add);
    }
    for (PathTree.Entry entry : changes.changed()) {
      keyOf(entry.path()).filter(k -> applied.get(k) != null).ifPresent(changed::add);
    }
    SortedMap<ResourceKey, Resource> resources =
        StoredDesiredState.unchanged(
            applied, changed, snapshots, renderer.decryptor(environment, source));
    if (rendered != null) {
      resources.putAll(rendered.resources());
    }
    DesiredState state =
        new DesiredState(
            revision,
            changes.treeId(),
            resources,
            rendered == null ? Map.of() : rendered.origins());
    LOG.debug(
        "environment {}: {} files changed since {}: rendered {}, compared {}",
        name,
        changes.changed().size() + changes.removed().size(),
        base.revision().shortId(),
        rendered == null ? 0 : rendered.size(),
        changed.size());
    return new Rendered(state, changed, applied, keys, true, updated(sum, applied, state, changed));
  }

  /** A path's key; empty for one that cannot be a key (and so was never a resource). */
  private static java.util.Optional<ResourceKey> keyOf(String path) {
    try {
      return java.util.Optional.of(ResourceKey.of(path));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }
}
