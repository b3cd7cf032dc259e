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
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.TreeId;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.git.GitException;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.PathChanges;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.port.SnapshotStore;
import io.driftless.engine.reconcile.SyncDecision.Selection;
import io.driftless.engine.render.IgnoreRules;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
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
 * keys it was rendered with, its revision, an id of its snapshot, and the environment's state as
 * the run recorded it. The entry is dropped when a run starts and kept again only when the run ends
 * with every planned change applied; so a failed, partial or held-back run, a restart, or a run of
 * another replica (whose snapshot, or recorded check, then differs) makes the next run whole.
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
   * @param bytes what a whole render of it counts against {@code render.maxTotalSize} ({@link
   *     RevisionRenderer#renderedBytes}), -1 when not known: asked only when the run is kept
   */
  record Rendered(
      DesiredState state,
      Set<ResourceKey> changed,
      Snapshot applied,
      List<String> keys,
      boolean fromGit,
      LongSupplier bytes) {

    boolean whole() {
      return changed == null;
    }
  }

  /**
   * A state a run of this process left in sync.
   *
   * @param snapshot {@link #fingerprint} of the snapshot the run left
   * @param checkedAt the environment's {@code lastCheckedAt} as the run recorded it, with its
   *     {@code head} and {@code applied} revisions: any other run since (of any replica) changes
   *     one
   * @param tree the path's tree id at {@code revision}
   * @param bytes what a whole render of that tree counts against {@code render.maxTotalSize}; -1
   *     when not known
   */
  record InSync(
      Environment spec,
      List<String> keys,
      Revision revision,
      String snapshot,
      Revision head,
      Revision applied,
      Instant checkedAt,
      TreeId tree,
      long bytes) {}

  private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

  private final GitReader git;
  private final SnapshotStore snapshots;
  private final RevisionRenderer renderer;
  private final Map<EnvironmentName, InSync> inSync = new ConcurrentHashMap<>();
  private volatile Instant swept;

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
    DesiredState whole = renderer.render(source, environment, revision);
    return new Rendered(
        whole, null, null, keys, true, () -> renderedBytes(base, environment, source, whole));
  }

  /**
   * What the whole render {@code whole} counts against {@code render.maxTotalSize}, for an
   * environment whose next runs may render only what changed (-1 for any other): the base's figure
   * when it rendered the same tree.
   */
  private long renderedBytes(
      InSync base, Environment environment, Source source, DesiredState whole) {
    if (!(environment.renderer() instanceof RendererSpec.Files)
        || !environment.variables().from().isEmpty()
        || !(environment.target() instanceof TargetSpec.Directory)) {
      return -1;
    }
    if (base != null && base.bytes() >= 0 && whole.treeId().equals(base.tree())) {
      return base.bytes();
    }
    return renderer.renderedBytes(source, environment, whole.revision());
  }

  /** A desired state read back from a stored snapshot: compared whole, and never kept. */
  Rendered stored(EnvironmentName environment, DesiredState state) {
    inSync.remove(environment);
    return new Rendered(state, null, null, null, false, () -> -1);
  }

  /**
   * Keeps what a run left in sync: the placed {@code desired} state when every planned change was
   * applied (or there was none). Nothing for a state read back from a snapshot.
   */
  void settled(
      Environment environment,
      Rendered rendered,
      DesiredState desired,
      Selection selection,
      EnvironmentState recorded) {
    if (rendered.fromGit() && selection.skipped().stream().allMatch(Objects::isNull)) {
      inSync.put(
          environment.name(),
          new InSync(
              environment,
              rendered.keys(),
              desired.revision(),
              fingerprint(desired),
              recorded.headRevision(),
              recorded.appliedRevision(),
              recorded.lastCheckedAt(),
              desired.treeId(),
              rendered.bytes().getAsLong()));
    }
    forgetStale(recorded.lastCheckedAt());
  }

  /**
   * Drops, at most once a minute, the entries not refreshed for two of their environment's
   * intervals (a day for a cron schedule): every scheduled check refreshes an entry, so these are
   * of environments deleted or no longer run here, and the next run of any other is only whole.
   */
  private void forgetStale(Instant now) {
    Instant last = swept;
    if (now == null || (last != null && now.isBefore(last.plus(SWEEP_EVERY)))) {
      return;
    }
    swept = now;
    inSync
        .values()
        .removeIf(
            kept ->
                kept.checkedAt() == null
                    || kept.checkedAt().plus(keptFor(kept.spec())).isBefore(now));
  }

  static Duration keptFor(Environment environment) {
    return environment.sync().schedule() instanceof SyncPolicy.Schedule.Interval interval
        ? interval.every().multipliedBy(2)
        : Duration.ofDays(1);
  }

  /**
   * An id of the snapshot that {@code desired} is stored as ({@link Snapshot#of}): equal to {@link
   * #fingerprint(Snapshot)} of that snapshot. A SHA-256 of each key's bytes, kind, content hash and
   * sealed hash.
   */
  static String fingerprint(DesiredState desired) {
    Fingerprint id = new Fingerprint();
    for (Resource resource : desired.resources().values()) {
      ContentHash sealed = resource.content().sealed().map(Content::hash).orElse(null);
      id.add(resource.key(), resource.kind(), resource.hash(), sealed);
    }
    return id.value();
  }

  /** An id of a snapshot's entries, as {@link #fingerprint(DesiredState)}. */
  static String fingerprint(Snapshot snapshot) {
    Fingerprint id = new Fingerprint();
    for (Map.Entry<ResourceKey, Snapshot.Entry> e : snapshot.entries().entrySet()) {
      Snapshot.Entry entry = e.getValue();
      id.add(e.getKey(), entry.kind(), entry.hash(), entry.sealed());
    }
    return id.value();
  }

  /** A SHA-256 over entries, each written unambiguously (lengths before variable parts). */
  private static final class Fingerprint {
    private final MessageDigest digest;
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);

    Fingerprint() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    void add(ResourceKey key, ResourceKind kind, ContentHash hash, ContentHash sealed) {
      byte[] name = key.value().getBytes(StandardCharsets.UTF_8);
      if (buffer.remaining() < name.length + 4 + 1 + 40 + 41) {
        flush();
      }
      if (buffer.remaining() < name.length + 4 + 1 + 40 + 41) {
        digest.update(ByteBuffer.allocate(4).putInt(name.length).array());
        digest.update(name);
      } else {
        buffer.putInt(name.length).put(name);
      }
      if (buffer.remaining() < 82) {
        flush();
      }
      buffer.put((byte) kind.ordinal());
      ascii(hash.value());
      if (sealed == null) {
        buffer.put((byte) 0);
      } else {
        buffer.put((byte) 1);
        ascii(sealed.value());
      }
    }

    private void ascii(String hex) {
      for (int i = 0; i < hex.length(); i++) {
        buffer.put((byte) hex.charAt(i));
      }
    }

    private void flush() {
      buffer.flip();
      digest.update(buffer);
      buffer.clear();
    }

    String value() {
      flush();
      return HexFormat.of().formatHex(digest.digest());
    }
  }

  /**
   * Why the run renders and compares the whole path; null when it may do only what changed. The
   * rules: it follows a new revision; the run that last left the environment in sync was of this
   * process, with the same spec (renderer, variables, target, sync policy: any field) and the same
   * decryption keys; the last check found it neither out of sync nor drifted; it is not pinned; the
   * renderer is {@code files} (each file its own resource) without {@code variables.from}; the
   * target is a directory (whose resources are the rendered files themselves); no dry run, prune
   * override or requested revision; not a rollback or a retirement; it is a push (a webhook run):
   * an API sync overrides the sync policy and a scheduled check looks for drift, so both read all
   * of live state; and no other run (of any replica) recorded a check of the environment since.
   * Ignore rules changed by the commit are checked with the tree diff.
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
    } else if (!Objects.equals(state.headRevision(), base.head())
        || !Objects.equals(state.appliedRevision(), base.applied())
        || !sameInstant(state.lastCheckedAt(), base.checkedAt())) {
      return "another run checked it since it was last in sync";
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
    } else if (trigger != TriggerType.WEBHOOK) {
      return "not a push: only a Git-triggered run compares only what changed";
    }
    return null;
  }

  /** Equal to the millisecond: a store may keep instants to the microsecond, rounded. */
  private static boolean sameInstant(Instant stored, Instant kept) {
    return stored != null
        && kept != null
        && Math.abs(Duration.between(stored, kept).toNanos()) < 1_000_000;
  }

  /**
   * The desired state at {@code revision} as the last applied snapshot changed by the commits since
   * {@code base}; null when it must be rendered whole after all.
   */
  private Rendered changed(
      InSync base, Environment environment, Source source, Revision revision, List<String> keys) {
    EnvironmentName name = environment.name();
    Snapshot applied = snapshots.lastApplied(name).orElse(null);
    if (applied == null || !fingerprint(applied).equals(base.snapshot())) {
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
    long bytes =
        base.bytes() < 0 ? -1 : base.bytes() + growth(base, source, changes, applied, rendered);
    if (bytes < 0 || bytes > renderer.limits().maxTotalBytes()) {
      // The whole render refuses it, as it would refuse the same tree on any later run.
      LOG.debug("environment {}: rendered whole: its render may pass render.maxTotalSize", name);
      return null;
    }
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
    return new Rendered(state, changed, applied, keys, true, () -> bytes);
  }

  /**
   * How much more a whole render reads at the new revision than at {@code base}'s: the new sizes of
   * the changed files it renders, less the old sizes of the changed and removed files it rendered.
   */
  private long growth(
      InSync base, Source source, PathChanges changes, Snapshot applied, DesiredState rendered) {
    long growth = 0;
    for (String path : changes.removed()) {
      growth -= oldSize(base, source, changes, applied, path);
    }
    for (PathTree.Entry entry : changes.changed()) {
      growth -= oldSize(base, source, changes, applied, entry.path());
      if (rendered != null
          && keyOf(entry.path()).filter(rendered.resources()::containsKey).isPresent()) {
        growth += git.blobSize(source, entry.blob());
      }
    }
    return growth;
  }

  /** The size at {@code base}'s revision of a file under the path, when it was rendered then. */
  private long oldSize(
      InSync base, Source source, PathChanges changes, Snapshot applied, String path) {
    if (keyOf(path).filter(k -> applied.get(k) != null).isEmpty()) {
      return 0;
    }
    String full = changes.path().isEmpty() ? path : changes.path() + "/" + path;
    return git.file(source, base.revision(), full)
        .map(e -> git.blobSize(source, e.blob()))
        .orElse(0L);
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
