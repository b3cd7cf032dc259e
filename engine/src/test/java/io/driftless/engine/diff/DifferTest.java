package io.driftless.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.domain.TreeId;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DifferTest {
  private static final Revision REV = Revision.of("a".repeat(40));
  private final Differ differ = new Differ();

  private static Resource file(String key, String text) {
    return new Resource(
        ResourceKey.of(key), ResourceKind.FILE, Content.of(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static DesiredState desired(Resource... resources) {
    TreeMap<ResourceKey, Resource> map = new TreeMap<>();
    for (Resource r : resources) {
      map.put(r.key(), r);
    }
    return new DesiredState(REV, new TreeId("b".repeat(40)), map);
  }

  private static LiveState live(Resource... resources) {
    TreeMap<ResourceKey, Resource> map = new TreeMap<>();
    for (Resource r : resources) {
      map.put(r.key(), r);
    }
    return new LiveState(map);
  }

  private static Inventory inventory(String... keys) {
    return Inventory.of(
        java.util.Arrays.stream(keys).map(ResourceKey::of).collect(Collectors.toSet()));
  }

  private static Map<String, ChangeAction> actions(Plan plan) {
    return plan.changes().stream()
        .collect(Collectors.toMap(c -> c.key().value(), Change::action, (a, b) -> a, TreeMap::new));
  }

  @Test
  void firstApplyCreatesEverythingAndAdoptsWhatExists() {
    Plan plan =
        differ.plan(
            null,
            desired(file("a.conf", "a"), file("b.conf", "b")),
            live(file("b.conf", "old")),
            Inventory.empty(),
            true);

    assertThat(actions(plan))
        .containsExactly(
            Map.entry("a.conf", ChangeAction.CREATE), Map.entry("b.conf", ChangeAction.UPDATE));
    assertThat(plan.changes().get(1).adopt()).isTrue();
    assertThat(plan.changes().get(0).adopt()).isFalse();
    assertThat(plan.hasDrift()).isFalse();
  }

  @Test
  void equalLiveAndDesiredIsANoOp() {
    DesiredState desired = desired(file("a", "1"), file("b", "2"));
    Plan plan =
        differ.plan(
            Snapshot.of(desired),
            desired,
            live(file("a", "1"), file("b", "2")),
            inventory("a", "b"),
            true);

    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.summary()).isEqualTo("no changes");
  }

  @Test
  void aHandEditIsDriftAndAGitEditIsNot() {
    DesiredState before = desired(file("a", "1"), file("b", "2"));
    DesiredState after = desired(file("a", "1"), file("b", "3"));
    Plan plan =
        differ.plan(
            Snapshot.of(before),
            after,
            live(file("a", "edited"), file("b", "2")),
            inventory("a", "b"),
            true);

    assertThat(actions(plan))
        .containsExactly(Map.entry("a", ChangeAction.UPDATE), Map.entry("b", ChangeAction.UPDATE));
    assertThat(plan.changes().get(0).drift()).isTrue();
    assertThat(plan.changes().get(1).drift()).isFalse();
    assertThat(plan.drifted()).containsExactly(ResourceKey.of("a"));
  }

  @Test
  void aFileDeletedByHandIsRecreatedAsDrift() {
    DesiredState desired = desired(file("a", "1"));
    Plan plan = differ.plan(Snapshot.of(desired), desired, live(), inventory("a"), true);

    assertThat(plan.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.action()).isEqualTo(ChangeAction.CREATE);
              assertThat(c.drift()).isTrue();
            });
  }

  @Test
  void pruneDeletesOnlyInventoryKeysThatLeftDesiredState() {
    DesiredState before = desired(file("keep", "k"), file("gone", "g"));
    DesiredState after = desired(file("keep", "k"));
    LiveState live = live(file("keep", "k"), file("gone", "g"), file("hand-made", "h"));

    Plan pruned = differ.plan(Snapshot.of(before), after, live, inventory("keep", "gone"), true);
    assertThat(actions(pruned)).containsExactly(Map.entry("gone", ChangeAction.DELETE));

    Plan kept = differ.plan(Snapshot.of(before), after, live, inventory("keep", "gone"), false);
    assertThat(kept.isEmpty()).isTrue();
    assertThat(kept.pruneSkipped()).containsExactly(ResourceKey.of("gone"));
  }

  @Test
  void deletesComeAfterWritesDeepestFirst() {
    DesiredState after = desired(file("new", "n"));
    LiveState live = live(file("a", "1"), file("d/e/f", "2"), file("d/g", "3"));
    Plan plan = differ.plan(null, after, live, inventory("a", "d/e/f", "d/g"), true);

    assertThat(plan.changes())
        .extracting(c -> c.key().value())
        .containsExactly("new", "d/e/f", "d/g", "a");
  }

  @Test
  void kindChangeIsAnUpdate() {
    Resource exec =
        new Resource(ResourceKey.of("run.sh"), ResourceKind.EXECUTABLE, Content.of("x".getBytes()));
    Plan plan =
        differ.plan(null, desired(exec), live(file("run.sh", "x")), inventory("run.sh"), true);
    assertThat(actions(plan)).containsExactly(Map.entry("run.sh", ChangeAction.UPDATE));
    assertThat(Set.copyOf(plan.counts().values())).contains(1);
  }

  @Test
  void unifiedDiffShowsChangedLines() {
    String diff =
        UnifiedDiff.of(
            "a.conf", file("a.conf", "one\ntwo\nthree\n"), file("a.conf", "one\n2\nthree\n"));
    assertThat(diff)
        .startsWith("--- a/a.conf\n+++ b/a.conf\n")
        .contains("-two\n")
        .contains("+2\n")
        .contains("@@ -1,3 +1,3 @@");
  }

  @Test
  void unifiedDiffOfBinaryComparesHashes() {
    Resource a =
        new Resource(ResourceKey.of("x.bin"), ResourceKind.FILE, Content.of(new byte[] {0, 1, 2}));
    Resource b =
        new Resource(ResourceKey.of("x.bin"), ResourceKind.FILE, Content.of(new byte[] {0, 1, 3}));
    assertThat(UnifiedDiff.of("x.bin", a, b))
        .contains("Binary content differs: " + a.hash() + " -> " + b.hash());
  }
}
