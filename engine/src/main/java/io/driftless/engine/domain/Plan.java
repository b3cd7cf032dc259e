package io.driftless.engine.domain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ordered changes that turn live into desired state.
 *
 * @param changes what will be applied, in order
 * @param pruneSkipped inventory resources that left desired state but stay because prune is off
 * @param drifted keys whose live state differs from the last applied snapshot
 */
public record Plan(
    List<Change> changes, List<ResourceKey> pruneSkipped, List<ResourceKey> drifted) {
  public Plan {
    changes = List.copyOf(changes);
    pruneSkipped = List.copyOf(pruneSkipped);
    drifted = List.copyOf(drifted);
  }

  public static Plan empty() {
    return new Plan(List.of(), List.of(), List.of());
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public boolean hasDrift() {
    return !drifted.isEmpty();
  }

  /** Counts by action, for summaries such as "3 changes: 2 updates, 1 delete". */
  public Map<ChangeAction, Integer> counts() {
    Map<ChangeAction, Integer> counts = new TreeMap<>();
    for (ChangeAction action : ChangeAction.values()) {
      counts.put(action, 0);
    }
    for (Change change : changes) {
      counts.merge(change.action(), 1, Integer::sum);
    }
    return counts;
  }

  public String summary() {
    if (changes.isEmpty()) {
      return "no changes";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(changes.size()).append(changes.size() == 1 ? " change: " : " changes: ");
    String sep = "";
    for (Map.Entry<ChangeAction, Integer> e : counts().entrySet()) {
      if (e.getValue() > 0) {
        String noun = e.getKey().name().toLowerCase(java.util.Locale.ROOT);
        sb.append(sep)
            .append(e.getValue())
            .append(' ')
            .append(noun)
            .append(e.getValue() == 1 ? "" : "s");
        sep = ", ";
      }
    }
    return sb.toString();
  }
}
