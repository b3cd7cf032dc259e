package io.driftless.engine.reconcile;

import io.driftless.engine.diff.Differ;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.Phase;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.port.InventoryStore;
import io.driftless.engine.port.SnapshotStore;
import io.driftless.engine.secrets.SyncDecryption;
import io.driftless.engine.target.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Step: the plan that turns live into desired. Reads live state (read-only, limited to the
 * inventory and the desired keys) and diffs it three-way against the last applied snapshot.
 */
final class Planner {
  private final SnapshotStore snapshots;
  private final InventoryStore inventories;
  private final SyncDecryption decryption;
  private final Differ differ = new Differ();

  /**
   * @param decryption identifies the live content of decrypted SOPS files by the same keyed hash as
   *     their desired content; null when nothing is decrypted
   */
  Planner(SnapshotStore snapshots, InventoryStore inventories, SyncDecryption decryption) {
    this.snapshots = snapshots;
    this.inventories = inventories;
    this.decryption = decryption;
  }

  /** A plan with what it was computed from. */
  record Planned(Inventory inventory, LiveState live, Plan plan) {}

  /**
   * @param inventoryOnly read live state for the inventory's keys only, never for a key that only
   *     desired state names (an untrusted head's preview: such a key plans as a create)
   */
  Planned plan(
      EnvironmentName environment,
      Target target,
      DesiredState desired,
      boolean prune,
      PhaseTimer timer,
      boolean inventoryOnly) {
    Inventory inventory = inventories.get(environment);
    Snapshot base = snapshots.lastApplied(environment).orElse(null);
    Set<ResourceKey> keys =
        inventoryOnly ? new HashSet<>(inventory.keys()) : keysOf(desired, inventory);
    LiveState live =
        timer.timed(
            Phase.READ_LIVE,
            () -> keyed(target.read(keys, declared(desired, base)), desired, base));
    Plan plan = timer.timed(Phase.DIFF, () -> differ.plan(base, desired, live, inventory, prune));
    return new Planned(inventory, live, plan);
  }

  /**
   * The plan of a run that compares only what a commit changed: the desired resources are validated
   * ({@link Target#validateSome}), live state is read and the diff made, for the {@code changed}
   * keys and for every key on which the inventory and desired state disagree (one managed but no
   * longer desired, kept by prune off or left by an interrupted apply; one desired but not
   * managed). For those keys the plan is what {@link #plan} would give; every other key is taken to
   * be live as {@code base} has it, which the run that left the environment in sync checked.
   *
   * @param base the last applied snapshot, which {@code desired} was built on
   */
  Planned planChanged(
      EnvironmentName environment,
      Target target,
      DesiredState desired,
      Snapshot base,
      Set<ResourceKey> changed,
      boolean prune,
      PhaseTimer timer) {
    Inventory inventory = inventories.get(environment);
    Set<ResourceKey> keys = new HashSet<>(changed);
    keys.addAll(disagreeing(inventory, desired));
    // The other desired resources are as last applied, and were validated then.
    target.validateSome(desired, keys);
    LiveState live =
        timer.timed(
            Phase.READ_LIVE,
            () ->
                keys.isEmpty()
                    ? LiveState.empty()
                    : keyed(target.read(keys, declared(desired, base)), desired, base));
    Plan plan =
        timer.timed(
            Phase.DIFF,
            () ->
                differ.plan(
                    new Snapshot(base.revision(), only(base.entries(), keys)),
                    new DesiredState(
                        desired.revision(),
                        desired.treeId(),
                        only(desired.resources(), keys),
                        desired.origins()),
                    live,
                    new Inventory(only(inventory.keys(), keys)),
                    prune));
    return new Planned(inventory, live, plan);
  }

  /** The keys in one of the inventory and desired state but not the other, in one sorted pass. */
  private static Set<ResourceKey> disagreeing(Inventory inventory, DesiredState desired) {
    Set<ResourceKey> keys = new HashSet<>();
    Iterator<ResourceKey> managed = inventory.keys().iterator();
    Iterator<ResourceKey> wanted = desired.resources().keySet().iterator();
    ResourceKey m = managed.hasNext() ? managed.next() : null;
    ResourceKey w = wanted.hasNext() ? wanted.next() : null;
    while (m != null || w != null) {
      int order = m == null ? 1 : w == null ? -1 : m.compareTo(w);
      if (order <= 0) {
        if (order < 0) {
          keys.add(m);
        }
        m = managed.hasNext() ? managed.next() : null;
      }
      if (order >= 0) {
        if (order > 0) {
          keys.add(w);
        }
        w = wanted.hasNext() ? wanted.next() : null;
      }
    }
    return keys;
  }

  private static <V> SortedMap<ResourceKey, V> only(
      SortedMap<ResourceKey, V> all, Set<ResourceKey> keys) {
    SortedMap<ResourceKey, V> some = new TreeMap<>();
    for (ResourceKey key : keys) {
      V value = all.get(key);
      if (value != null) {
        some.put(key, value);
      }
    }
    return some;
  }

  private static SortedSet<ResourceKey> only(SortedSet<ResourceKey> all, Set<ResourceKey> keys) {
    SortedSet<ResourceKey> some = new TreeSet<>();
    for (ResourceKey key : keys) {
      if (all.contains(key)) {
        some.add(key);
      }
    }
    return some;
  }

  /**
   * Live state with the file of each decrypted SOPS file (desired now or last applied) identified
   * by its keyed hash, as its desired content is: the plain hash of a secret is never computed into
   * a plan, a run or a drift report, and an unchanged file compares equal.
   */
  private LiveState keyed(LiveState live, DesiredState desired, Snapshot base) {
    if (decryption == null) {
      return live;
    }
    SortedMap<ResourceKey, Resource> resources = new TreeMap<>(live.resources());
    live.resources()
        .forEach(
            (key, have) -> {
              Resource want = desired.get(key);
              Snapshot.Entry applied = base == null ? null : base.get(key);
              boolean decrypted =
                  (want != null && want.content().sealed().isPresent())
                      || (applied != null && applied.sealed() != null);
              if (decrypted && have.kind() != ResourceKind.SYMLINK) {
                // Read once and kept: the count of values changed compares it with the desired
                // plaintext when the run is recorded, after the apply replaced the file.
                byte[] bytes = have.content().bytes();
                resources.put(
                    key,
                    new Resource(
                        key, have.kind(), Content.lazy(decryption.idOf(bytes), bytes::clone)));
              }
            });
    return new LiveState(resources);
  }

  private static Set<ResourceKey> keysOf(DesiredState desired, Inventory inventory) {
    Set<ResourceKey> keys = new HashSet<>(desired.resources().keySet());
    keys.addAll(inventory.keys());
    return keys;
  }

  /** For each key, its desired content and the content last applied, loaded only when asked. */
  private Function<ResourceKey, List<Content>> declared(DesiredState desired, Snapshot base) {
    return key -> {
      List<Content> contents = new ArrayList<>(2);
      Resource want = desired.get(key);
      if (want != null) {
        contents.add(want.content());
      }
      Snapshot.Entry applied = base == null ? null : base.get(key);
      if (applied != null
          && applied.sealed() == null
          && (want == null || !applied.hash().equals(want.hash()))) {
        snapshots.content(applied.hash()).ifPresent(contents::add);
      }
      return contents;
    };
  }
}
