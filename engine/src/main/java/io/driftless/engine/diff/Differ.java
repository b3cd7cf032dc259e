package io.driftless.engine.diff;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The three-way diff: from the last applied snapshot (base), desired and live state to a plan.
 *
 * <ul>
 *   <li>Live equal to desired: nothing to do, whatever the base says.
 *   <li>Desired differs from live: create or update. It is <em>drift</em> when desired equals the
 *       base (Git did not change it; someone changed live by hand), and an <em>adoption</em> when
 *       the resource exists live but is not in the inventory.
 *   <li>In the inventory but no longer desired, and still live: delete, only with prune on;
 *       otherwise listed as kept. Anything outside the inventory and desired state is never
 *       touched.
 * </ul>
 *
 * Creates and updates come first in key order; deletes follow, deepest paths first.
 */
public final class Differ {

  /**
   * @param base the last applied snapshot, null when nothing was applied yet
   */
  public Plan plan(
      Snapshot base, DesiredState desired, LiveState live, Inventory inventory, boolean prune) {
    List<Change> writes = new ArrayList<>();
    List<Change> deletes = new ArrayList<>();
    List<ResourceKey> pruneSkipped = new ArrayList<>();
    TreeSet<ResourceKey> drifted = new TreeSet<>();

    if (base != null) {
      for (Map.Entry<ResourceKey, Snapshot.Entry> e : base.entries().entrySet()) {
        Resource current = live.get(e.getKey());
        if (current == null || !base.matches(current)) {
          drifted.add(e.getKey());
        }
      }
    }

    for (Map.Entry<ResourceKey, Resource> e : desired.resources().entrySet()) {
      ResourceKey key = e.getKey();
      Resource want = e.getValue();
      Resource have = live.get(key);
      if (want.sameAs(have)) {
        continue;
      }
      boolean gitUnchanged = base != null && base.matches(want);
      boolean drift = gitUnchanged && drifted.contains(key);
      if (have == null) {
        writes.add(new Change(key, ChangeAction.CREATE, null, want, false, drift));
      } else {
        writes.add(Change.update(have, want, !inventory.contains(key), drift));
      }
    }

    for (ResourceKey key : inventory.keys()) {
      if (desired.resources().containsKey(key)) {
        continue;
      }
      Resource have = live.get(key);
      if (have == null) {
        continue;
      }
      if (prune) {
        deletes.add(Change.delete(have, drifted.contains(key)));
      } else {
        pruneSkipped.add(key);
      }
    }
    deletes.sort(
        Comparator.comparing((Change c) -> depth(c.key())).reversed().thenComparing(Change::key));

    List<Change> changes = new ArrayList<>(writes);
    changes.addAll(deletes);
    return new Plan(changes, pruneSkipped, List.copyOf(drifted));
  }

  private static int depth(ResourceKey key) {
    int depth = 0;
    for (int i = 0; i < key.value().length(); i++) {
      if (key.value().charAt(i) == '/') {
        depth++;
      }
    }
    return depth;
  }
}
