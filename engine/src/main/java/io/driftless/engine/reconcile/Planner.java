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
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
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
