package io.driftless.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.render.RenderLimits;
import io.driftless.engine.testing.CountingGitReader;
import io.driftless.engine.testing.CountingTargets;
import io.driftless.engine.testing.TestEngine;
import io.driftless.engine.testing.TestGitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Git-triggered run renders and compares only what its commits changed, counted through the ports
 * (the Git reader and the target's live reads), gives the plan, snapshot and inventory a whole run
 * gives, and falls back to the whole run whenever the partial one could be wrong.
 */
class IncrementalRunTest {
  private static final EnvironmentName ENV = EnvironmentName.of("web");
  private static final EnvironmentName TWIN = EnvironmentName.of("twin");
  private static final SourceName SITE = SourceName.of("site");
  private static final int FILES = 30;

  @TempDir Path tmp;
  private TestGitRepo repo;
  private TestEngine engine;
  private CountingGitReader git;
  private CountingTargets targets;
  private Path root;

  @BeforeEach
  void openEngine() {
    repo = TestGitRepo.create(tmp.resolve("repo"));
    openEngine(RenderLimits.defaults());
  }

  private void openEngine(RenderLimits limits) {
    engine =
        TestEngine.wrapped(
            tmp.resolve("work"),
            tmp.resolve("targets"),
            reader -> git = new CountingGitReader(reader),
            factory -> targets = new CountingTargets(factory),
            limits);
    root = tmp.resolve("targets/web");
    engine.store().put(Source.of(SITE, repo.url()));
  }

  @AfterEach
  void closeEngine() {
    engine.close();
    repo.close();
  }

  private Environment environment(EnvironmentName name, Variables variables) {
    return new Environment(
        name,
        SITE,
        "main",
        "env/web",
        null,
        variables,
        TargetSpec.Directory.at(tmp.resolve("targets").resolve(name.value())),
        SyncPolicy.defaults().withPrune(true),
        null);
  }

  /** {@code web} with {@link #FILES} files in three directories, applied by a whole run. */
  private Revision applied() {
    Map<String, String> files = new HashMap<>();
    for (int i = 0; i < FILES; i++) {
      files.put(path(i), "file " + i + "\n");
    }
    files.put("elsewhere/readme.txt", "not this environment's\n");
    Revision first = repo.commit(files, "first");
    engine.store().put(environment(ENV, Variables.none()));
    check(scheduled(), RunStatus.SUCCEEDED);
    resetCounts();
    return first;
  }

  private static String path(int i) {
    return "env/web/d" + (i % 3) + "/f" + i + ".conf";
  }

  private static ResourceKey key(int i) {
    return ResourceKey.of(path(i).substring("env/web/".length()));
  }

  private void resetCounts() {
    git.reset();
    targets.reset();
  }

  private RunResult scheduled() {
    return engine.reconciler().reconcile(ReconcileRequest.scheduled(ENV)).result();
  }

  /** A webhook push as the scheduler hands it over: with its queued run. */
  private RunResult pushed() {
    return requested(ENV, new Trigger(TriggerType.WEBHOOK, "github", ""), SyncOptions.defaults());
  }

  private RunResult requested(EnvironmentName name, Trigger trigger, SyncOptions options) {
    var run = engine.store().create(name, trigger, Instant.now());
    return engine
        .reconciler()
        .reconcile(new ReconcileRequest(name, trigger, options, run))
        .result();
  }

  private static RunResult check(RunResult result, RunStatus status) {
    assertThat(result.status()).as("%s", result.error()).isEqualTo(status);
    return result;
  }

  /** Commits a new content of file {@code i} and pushes it; what the run read is counted. */
  private RunResult pushChangeOf(int i, String content) {
    repo.commit(Map.of(path(i), content), "change " + i);
    resetCounts();
    return pushed();
  }

  private static ContentHash blob(String text) {
    return ContentHash.ofBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Set<ResourceKey> allKeys() {
    Set<ResourceKey> keys = new TreeSet<>();
    for (int i = 0; i < FILES; i++) {
      keys.add(key(i));
    }
    return keys;
  }

  /** The run compared only file {@code i}: it rendered nothing else, read no other live file. */
  private void assertComparedOnly(int i) {
    assertThat(git.listed()).isEmpty();
    assertThat(targets.reads()).containsExactly(new TreeSet<>(Set.of(key(i))));
  }

  /** The run listed the whole path and read every file of live state. */
  private void assertComparedWhole() {
    assertThat(targets.keysRead()).containsAll(allKeys());
  }

  @Test
  void aPushOfOneChangedFileRendersAndReadsOnlyThatFile() throws IOException {
    applied();
    Snapshot before = engine.store().lastApplied(ENV).orElseThrow();

    RunResult result = check(pushChangeOf(11, "changed\n"), RunStatus.SUCCEEDED);

    assertThat(result.plan().changes())
        .extracting(Change::key, Change::action)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(key(11), ChangeAction.UPDATE));
    assertComparedOnly(11);
    // Its size at both revisions keeps the render's total (render.maxTotalSize) whole.
    assertThat(git.blobs()).containsOnly(blob("changed\n"), blob("file 11\n"));
    assertThat(Files.readString(root.resolve(key(11).value()))).isEqualTo("changed\n");
    // The snapshot is complete: every other file as before, the changed one as committed.
    Snapshot after = engine.store().lastApplied(ENV).orElseThrow();
    assertThat(after.revision()).isEqualTo(result.revision());
    Map<ResourceKey, Snapshot.Entry> expected = new TreeMap<>(before.entries());
    expected.put(key(11), new Snapshot.Entry(before.get(key(11)).kind(), blob("changed\n")));
    assertThat(after.entries()).isEqualTo(expected);
    assertThat(engine.store().get(ENV).keys()).isEqualTo(allKeys());
  }

  @Test
  void aPushOutsideThePathRendersNothingAndReadsNoLiveState() {
    applied();
    repo.commit(Map.of("elsewhere/readme.txt", "changed elsewhere\n"), "elsewhere");
    resetCounts();

    RunResult result = check(pushed(), RunStatus.NO_OP);

    assertThat(result.plan().isEmpty()).isTrue();
    assertThat(git.listed()).isEmpty();
    assertThat(git.blobs()).isEmpty();
    assertThat(targets.reads()).isEmpty();
    // The next commit in the path is compared from the state left in sync.
    check(pushChangeOf(4, "four\n"), RunStatus.SUCCEEDED);
    assertComparedOnly(4);
  }

  @Test
  void eachPushGivesThePlanSnapshotInventoryAndFilesOfAWholeRun() throws IOException {
    repo.write("env/web/.driftlessignore", "*.tmp\n");
    applied();
    engine.store().put(environment(TWIN, Variables.none()));
    SyncOptions whole = new SyncOptions(null, false, true, false);
    check(requested(TWIN, Trigger.api("alice", "twin"), whole), RunStatus.SUCCEEDED);
    List<Runnable> commits =
        List.of(
            () -> repo.commit(Map.of(path(1), "one again\n", "env/web/d9/new.conf", "new\n"), "1"),
            () -> repo.commit(mapOf(path(2), null, path(5), null), "deletes"),
            () -> repo.commit(Map.of("env/web/ignored.tmp", "x\n", path(7), "seven\n"), "ignored"),
            () -> repo.commit(Map.of("elsewhere/readme.txt", "elsewhere\n"), "elsewhere"),
            () -> repo.commit(mapOf(path(8), null, "env/web/d2/renamed.conf", "file 8\n"), "mv"),
            () -> {
              repo.writeExecutable(path(9), "file 9\n").symlink("env/web/d0/link", "f0.conf");
              repo.commit("a mode and a link");
            });
    for (Runnable commit : commits) {
      commit.run();
      resetCounts();
      RunResult web = pushed();
      SortedSet<ResourceKey> read = targets.keysRead();
      RunResult twin = requested(TWIN, Trigger.api("alice", "twin"), whole);

      assertThat(web.status()).isIn(RunStatus.SUCCEEDED, RunStatus.NO_OP);
      assertThat(web.status()).isEqualTo(twin.status());
      assertThat(web.plan().changes())
          .extracting(Change::key, Change::action)
          .isEqualTo(
              twin.plan().changes().stream()
                  .map(c -> org.assertj.core.groups.Tuple.tuple(c.key(), c.action()))
                  .toList());
      assertThat(read).hasSizeLessThan(4);
      assertThat(engine.store().lastApplied(ENV).orElseThrow().entries())
          .isEqualTo(engine.store().lastApplied(TWIN).orElseThrow().entries());
      assertThat(engine.store().get(ENV)).isEqualTo(engine.store().get(TWIN));
      assertThat(files(root)).isEqualTo(files(tmp.resolve("targets/twin")));
    }
  }

  /** Two files in this order (a null content deletes the file). */
  private static Map<String, String> mapOf(String k1, String v1, String k2, String v2) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  private static Map<String, String> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .collect(
              Collectors.toMap(
                  p -> dir.relativize(p).toString(),
                  p -> {
                    try {
                      return Files.readString(p);
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }));
    }
  }

  @Test
  void aPushAfterAFailedRunComparesTheWholeTargetThenOnlyChangesAgain() {
    applied();
    repo.symlink("env/web/escape", "../../../outside");
    repo.commit("a link out of the target");
    check(pushed(), RunStatus.FAILED);
    repo.delete("env/web/escape");
    repo.commit("no link");

    check(pushChangeOf(3, "three\n"), RunStatus.SUCCEEDED);
    assertComparedWhole();
    check(pushChangeOf(3, "three again\n"), RunStatus.SUCCEEDED);
    assertComparedOnly(3);
  }

  @Test
  void aPushAfterTheSpecChangedComparesTheWholeTarget() {
    applied();
    engine.store().put(environment(ENV, new Variables(Map.of("PORT", "80"), List.of(), List.of())));

    check(pushChangeOf(3, "three\n"), RunStatus.SUCCEEDED);
    assertComparedWhole();
    check(pushChangeOf(3, "three again\n"), RunStatus.SUCCEEDED);
    assertComparedOnly(3);
  }

  @Test
  void aPushThatChangesTheIgnoreRulesComparesTheWholeTarget() {
    applied();
    repo.commit(Map.of("env/web/.driftlessignore", "d1/*\n", path(3), "three\n"), "ignore d1");
    resetCounts();

    RunResult result = check(pushed(), RunStatus.SUCCEEDED);

    assertComparedWhole();
    assertThat(result.plan().changes()).extracting(Change::action).contains(ChangeAction.DELETE);
    check(pushChangeOf(3, "three again\n"), RunStatus.SUCCEEDED);
    assertComparedOnly(3);
  }

  @Test
  void aPinnedRunComparesTheWholeTarget() {
    applied();
    Revision pinned = repo.commit(Map.of(path(3), "three\n"), "to pin");
    engine
        .store()
        .pin(ENV, new Pin(pinned, false, "alice", "hold", Instant.now(), null, null, null));
    resetCounts();

    check(pushed(), RunStatus.SUCCEEDED);
    assertComparedWhole();
    engine.store().unpin(ENV);
    check(pushChangeOf(3, "three again\n"), RunStatus.SUCCEEDED);
    assertComparedOnly(3);
  }

  @Test
  void aDryRunAPruneOverrideOrARequestedRevisionComparesTheWholeTarget() {
    applied();
    Trigger api = Trigger.api("alice", "look");
    for (SyncOptions options :
        List.of(
            SyncOptions.dryRunOnly(),
            new SyncOptions(null, false, true, false),
            new SyncOptions("main", false, null, false))) {
      repo.commit(Map.of(path(3), options.toString()), "change");
      resetCounts();
      requested(ENV, api, options);
      assertComparedWhole();
    }
  }

  @Test
  void aScheduledCheckStillFindsAHandEditAnywhereInTheTree() throws IOException {
    applied();
    check(pushChangeOf(3, "three\n"), RunStatus.SUCCEEDED);
    assertComparedOnly(3);
    Files.writeString(root.resolve(key(17).value()), "edited by hand\n");
    resetCounts();

    RunResult check = scheduled();

    assertComparedWhole();
    assertThat(check.plan().drifted()).containsExactly(key(17));
  }

  @Test
  void aScheduledPollThatFindsANewRevisionReadsAllOfLiveState() throws IOException {
    applied();
    Files.writeString(root.resolve(key(17).value()), "edited by hand\n");
    repo.commit(Map.of(path(3), "three\n"), "polled");
    resetCounts();

    RunResult poll = scheduled();

    assertComparedWhole();
    assertThat(poll.plan().drifted()).containsExactly(key(17));
  }

  @Test
  void anApiSyncOrARetryOfANewRevisionComparesTheWholeTarget() throws IOException {
    applied();
    for (Trigger trigger :
        List.of(Trigger.api("alice", "sync"), new Trigger(TriggerType.RETRY, "alice", ""))) {
      Files.writeString(root.resolve(key(17).value()), "edited by hand\n");
      repo.commit(Map.of(path(3), trigger.type().name()), "change");
      resetCounts();

      RunResult sync = check(requested(ENV, trigger, SyncOptions.defaults()), RunStatus.SUCCEEDED);

      assertComparedWhole();
      assertThat(sync.plan().drifted()).containsExactly(key(17));
    }
  }

  @Test
  void aPushAfterAnotherRunRecordedACheckComparesTheWholeTarget() throws IOException {
    Revision first = applied();
    // Another replica applied a file of its revision and failed before saving its snapshot; a
    // later check of its own recorded the environment in sync.
    Files.writeString(root.resolve(key(17).value()), "another replica's\n");
    engine.store().recordChecked(ENV, first, false, false, Instant.now().plusSeconds(1));

    RunResult push = check(pushChangeOf(3, "three\n"), RunStatus.SUCCEEDED);

    assertComparedWhole();
    assertThat(push.plan().drifted()).containsExactly(key(17));
  }

  @Test
  void aPushThatTakesTheRenderPastItsTotalSizeIsRefusedAsByAWholeRender() throws IOException {
    engine.close();
    openEngine(new RenderLimits(1024, 400, Duration.ofMinutes(1)));
    applied();

    RunResult grown = check(pushChangeOf(3, "x".repeat(300)), RunStatus.FAILED);

    assertThat(grown.error().message()).contains("render.maxTotalSize");
    assertThat(Files.readString(root.resolve(key(3).value()))).isEqualTo("file 3\n");
    // Within the limit again once the commit is undone, and only that file compared next.
    check(pushChangeOf(3, "three\n"), RunStatus.SUCCEEDED);
    check(pushChangeOf(3, "three again\n"), RunStatus.SUCCEEDED);
    assertComparedOnly(3);
  }
}
