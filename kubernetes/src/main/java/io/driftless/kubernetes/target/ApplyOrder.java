package io.driftless.kubernetes.target;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.Resource;
import io.driftless.kubernetes.CanonicalJson;
import io.driftless.kubernetes.ObjectKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order changes reach the cluster: Namespaces first, then CustomResourceDefinitions, then
 * everything else; within each, by the {@code driftless.io/sync-wave} annotation (an integer,
 * default 0, lower first), then by key. Creates and updates run in that order; deletes run after
 * them, in the reverse order, so a workload goes before its namespace.
 */
final class ApplyOrder {
  static final String SYNC_WAVE = "driftless.io/sync-wave";

  private ApplyOrder() {}

  static List<Change> sort(List<Change> changes) {
    List<Change> writes = new ArrayList<>();
    List<Change> deletes = new ArrayList<>();
    for (Change change : changes) {
      (change.action() == ChangeAction.DELETE ? deletes : writes).add(change);
    }
    Comparator<Change> order =
        Comparator.comparingInt(ApplyOrder::kindRank)
            .thenComparingInt(ApplyOrder::wave)
            .thenComparing(Change::key);
    writes.sort(order);
    deletes.sort(order.reversed());
    List<Change> sorted = new ArrayList<>(writes);
    sorted.addAll(deletes);
    return sorted;
  }

  static int kindRank(Change change) {
    ObjectKey key = ObjectKey.parse(change.key());
    if (key.group().isEmpty() && key.kind().equals("Namespace")) {
      return 0;
    }
    if (key.group().equals("apiextensions.k8s.io")
        && key.kind().equals("CustomResourceDefinition")) {
      return 1;
    }
    return 2;
  }

  /**
   * The wave of the object a change writes (or, for a delete, of the live object).
   *
   * @throws IllegalArgumentException when the annotation is not an integer
   */
  static int wave(Change change) {
    Resource resource = change.after() != null ? change.after() : change.before();
    return wave(CanonicalJson.read(resource.content().bytes()));
  }

  static int wave(JsonNode object) {
    JsonNode wave = object.path("metadata").path("annotations").path(SYNC_WAVE);
    if (wave.isMissingNode() || wave.isNull()) {
      return 0;
    }
    try {
      return Integer.parseInt(wave.asText().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          SYNC_WAVE + " must be an integer, not '" + wave.asText() + "'");
    }
  }
}
