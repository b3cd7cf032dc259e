package io.driftless.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.process.CommandPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;

/** The reconciler end to end: real Git repositories, the real filesystem, in-memory ports. */
class ReconcilerTest extends ReconcilerTestBase {
  @Override
  CommandPolicy commands() {
    return CommandPolicy.allowing("sh");
  }

  private void register(SyncPolicy sync) {
    register(sync, Variables.none());
  }

  private void register(SyncPolicy sync, Variables variables) {
    register(TargetSpec.Directory.at(root), variables, sync);
  }

  private static SyncPolicy policy(boolean prune, boolean selfHeal) {
    return SyncPolicy.defaults().withPrune(prune).withSelfHeal(selfHeal);
  }

  private ReconcileOutcome requested(SyncOptions options) {
    var run = engine.store().create(ENV, Trigger.api("alice", "test"), engine.clock().instant());
    return engine
        .reconciler()
        .reconcile(
            new ReconcileRequest(ENV, new Trigger(TriggerType.API, "alice", "test"), options, run));
  }

  private Map<String, String> rootFiles() throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }

  /** a.conf applied from Git without self-heal, then edited by hand on the target. */
  private void applyThenEditByHand() throws Exception {
    register(policy(true, false));
    repo.commit(Map.of("env/web/a.conf", "from git\n"), "first");
    scheduled();
    Files.writeString(root.resolve("a.conf"), "edited by hand\n");
  }

  @Test
  void newCommitIsAppliedAndASecondReconcileWritesNothing() throws Exception {
    register(policy(true, false));
    Revision rev =
        repo.commit(
            Map.of(
                "env/web/nginx.conf", "worker_processes 1;\n",
                "env/web/sites/a.conf", "server { listen 80; }\n",
                "other/ignored.txt", "not part of this environment\n"),
            "first");
    repo.writeExecutable("env/web/bin/reload.sh", "#!/bin/sh\necho reload\n");
    Revision second = repo.commit("add script");

    ReconcileOutcome first = scheduled();
    assertThat(first.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(first.result().revision()).isEqualTo(second);
    assertThat(first.recordedRun()).isPresent();
    assertThat(rootFiles())
        .containsOnly(
            Map.entry("nginx.conf", "worker_processes 1;\n"),
            Map.entry("sites/a.conf", "server { listen 80; }\n"),
            Map.entry("bin/reload.sh", "#!/bin/sh\necho reload\n"));
    assertThat(Files.getPosixFilePermissions(root.resolve("bin/reload.sh")))
        .contains(PosixFilePermission.OWNER_EXECUTE);
    assertThat(Files.getPosixFilePermissions(root.resolve("nginx.conf")))
        .doesNotContain(PosixFilePermission.OWNER_EXECUTE);
    assertThat(rev).isNotEqualTo(second);

    FileTime mtime = Files.getLastModifiedTime(root.resolve("nginx.conf"));
    Thread.sleep(20);
    ReconcileOutcome again = scheduled();
    assertThat(again.result().status()).isEqualTo(RunStatus.NO_OP);
    assertThat(again.result().plan().isEmpty()).isTrue();
    assertThat(again.recordedRun()).as("a check that changes nothing adds no run row").isEmpty();
    assertThat(Files.getLastModifiedTime(root.resolve("nginx.conf"))).isEqualTo(mtime);
    assertThat(engine.store().runs(ENV)).hasSize(1);
    assertThat(engine.store().state(ENV).lastCheckedAt()).isNotNull();
    assertThat(engine.store().state(ENV).appliedRevision()).isEqualTo(second);
  }

  @Test
  void manyFilesAreAppliedAndReadBackAcrossThreads() throws Exception {
    register(policy(true, false));
    Map<String, String> files = new TreeMap<>();
    for (int i = 0; i < 1500; i++) {
      files.put("env/web/d" + (i % 30) + "/f" + i + ".conf", "file " + i + "\n");
    }
    repo.commit(files, "many files");

    RunResult first = scheduled().result();
    assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(first.applied()).isEqualTo(1500);
    assertThat(rootFiles()).hasSize(1500).containsEntry("d7/f7.conf", "file 7\n");

    Files.writeString(root.resolve("d1/f1.conf"), "edited 1\n");
    Files.writeString(root.resolve("d29/f1499.conf"), "edited 1499\n");
    Files.delete(root.resolve("d15/f765.conf"));
    RunResult check = scheduled().result();
    assertThat(check.plan().drifted())
        .extracting(ResourceKey::value)
        .containsExactly("d1/f1.conf", "d15/f765.conf", "d29/f1499.conf");
  }

  @Test
  void aCommitChangingOneFileUpdatesOnlyThatFile() throws Exception {
    register(policy(true, false));
    repo.commit(Map.of("env/web/a.conf", "a1\n", "env/web/b.conf", "b1\n"), "first");
    scheduled();
    FileTime bTime = Files.getLastModifiedTime(root.resolve("b.conf"));

    repo.commit(Map.of("env/web/a.conf", "a2\n"), "change a");
    ReconcileOutcome outcome = scheduled();

    assertThat(outcome.result().plan().changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.key()).isEqualTo(ResourceKey.of("a.conf"));
              assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
              assertThat(c.drift()).isFalse();
            });
    assertThat(rootFiles()).containsEntry("a.conf", "a2\n").containsEntry("b.conf", "b1\n");
    assertThat(Files.getLastModifiedTime(root.resolve("b.conf"))).isEqualTo(bTime);
  }

  @Test
  void aCommitOutsideThePathIsANoOp() throws Exception {
    register(policy(true, false));
    repo.commit(Map.of("env/web/a.conf", "a\n"), "first");
    scheduled();
    repo.commit(Map.of("other/x.txt", "x\n"), "elsewhere");

    ReconcileOutcome outcome = scheduled();

    assertThat(outcome.result().status()).isEqualTo(RunStatus.NO_OP);
    assertThat(outcome.recordedRun()).isEmpty();
    // Rendered once: the commit outside the path renders nothing again (the tree diff of the
    // path is empty; a whole run would find the path's tree id in the render cache).
    assertThat(engine.renderCache().misses()).isEqualTo(1);
  }

  @Test
  void deletedInGitIsPrunedOnlyWithPruneAndHandMadeFilesAreNeverTouched() throws Exception {
    register(policy(false, false));
    repo.commit(Map.of("env/web/keep.conf", "k\n", "env/web/gone.conf", "g\n"), "first");
    scheduled();
    Files.writeString(root.resolve("hand-made.conf"), "made by hand\n");

    repo.delete("env/web/gone.conf");
    repo.commit("remove gone.conf");
    ReconcileOutcome kept = scheduled();
    assertThat(kept.result().plan().pruneSkipped()).containsExactly(ResourceKey.of("gone.conf"));
    assertThat(rootFiles()).containsKeys("keep.conf", "gone.conf", "hand-made.conf");

    register(policy(true, false));
    ReconcileOutcome pruned = scheduled();
    assertThat(pruned.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(pruned.result().plan().changes())
        .singleElement()
        .satisfies(c -> assertThat(c.action()).isEqualTo(ChangeAction.DELETE));
    assertThat(rootFiles()).containsOnlyKeys("keep.conf", "hand-made.conf");
    assertThat(engine.store().get(ENV).keys()).containsExactly(ResourceKey.of("keep.conf"));
  }

  @Test
  void aHandEditIsDriftAndSelfHealRevertsIt() throws Exception {
    applyThenEditByHand();

    ReconcileOutcome reported = scheduled();
    assertThat(reported.result().drift()).isTrue();
    assertThat(reported.result().plan().drifted()).containsExactly(ResourceKey.of("a.conf"));
    assertThat(reported.result().outcomes())
        .singleElement()
        .satisfies(o -> assertThat(o.result()).isEqualTo(ResourceOutcome.Result.SKIPPED));
    assertThat(Files.readString(root.resolve("a.conf"))).isEqualTo("edited by hand\n");
    assertThat(engine.store().state(ENV).drift()).isTrue();

    register(policy(true, true));
    ReconcileOutcome healed = scheduled();
    assertThat(healed.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(Files.readString(root.resolve("a.conf"))).isEqualTo("from git\n");
    assertThat(engine.store().state(ENV).drift()).isFalse();
  }

  @Test
  void aRequestedSyncRevertsDriftWithoutSelfHeal() throws Exception {
    applyThenEditByHand();

    ReconcileOutcome outcome = requested(SyncOptions.defaults());

    assertThat(outcome.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(Files.readString(root.resolve("a.conf"))).isEqualTo("from git\n");
  }

  @Test
  void aDryRunRecordsThePlanAndWritesNothing() throws Exception {
    register(policy(true, false));
    repo.commit(Map.of("env/web/a.conf", "a\n"), "first");

    ReconcileOutcome outcome = requested(SyncOptions.dryRunOnly());

    assertThat(outcome.result().status()).isEqualTo(RunStatus.NO_OP);
    assertThat(outcome.result().plan().changes()).hasSize(1);
    assertThat(outcome.recordedRun()).isPresent();
    assertThat(rootFiles()).isEmpty();
  }

  @Test
  void autoSyncOffLeavesNewCommitsForARequest() throws Exception {
    register(policy(true, false).withAuto(false));
    repo.commit(Map.of("env/web/a.conf", "a\n"), "first");

    ReconcileOutcome check = scheduled();
    assertThat(check.result().status()).isEqualTo(RunStatus.NO_OP);
    assertThat(engine.store().state(ENV).outOfSync()).isTrue();
    assertThat(rootFiles()).isEmpty();

    assertThat(requested(SyncOptions.defaults()).result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(rootFiles()).containsKey("a.conf");
  }

  @Test
  void aPushAppliesNothingWithAutoSyncOffOrWhileSuspended() throws Exception {
    register(policy(true, false).withAuto(false));
    repo.commit(Map.of("env/web/a.conf", "a\n"), "first");

    ReconcileOutcome push = pushed();
    assertThat(push.result().status()).isEqualTo(RunStatus.NO_OP);
    assertThat(push.result().outcomes())
        .singleElement()
        .satisfies(o -> assertThat(o.message()).isEqualTo("auto-sync is off"));
    assertThat(rootFiles()).isEmpty();

    register(policy(true, false));
    engine.store().setSuspended(ENV, true);
    ReconcileOutcome skipped = pushed();
    assertThat(skipped.result().status()).isEqualTo(RunStatus.NO_OP);
    assertThat(engine.store().find(skipped.run()).orElseThrow().status())
        .as("the queued run is closed, not left running")
        .isEqualTo(RunStatus.NO_OP);
    assertThat(rootFiles()).isEmpty();

    assertThat(requested(SyncOptions.defaults()).result().status())
        .as("a person's sync still applies while suspended")
        .isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void variablesAreSubstitutedOnlyInSelectedFiles() throws Exception {
    register(policy(true, false), new Variables(Map.of("GREETING", "hello"), List.of("*.env")));
    repo.commit(
        Map.of(
            "env/web/app.env", "GREETING=${GREETING}\nLITERAL=$${GREETING}\n",
            "env/web/nginx.conf", "set $x ${uri};\n"),
        "first");

    assertThat(scheduled().result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(rootFiles())
        .containsEntry("app.env", "GREETING=hello\nLITERAL=${GREETING}\n")
        .containsEntry("nginx.conf", "set $x ${uri};\n");
  }

  @Test
  void driftlessIgnoreExcludesFiles() throws Exception {
    register(policy(true, false));
    repo.commit(
        Map.of(
            "env/web/.driftlessignore", "*.md\n",
            "env/web/README.md", "notes\n",
            "env/web/a.conf", "a\n"),
        "first");

    scheduled();

    assertThat(rootFiles()).containsOnlyKeys("a.conf");
  }

  @Test
  void anUndefinedVariableFailsWithFileAndLineAndWritesNothing() throws Exception {
    register(policy(true, false), new Variables(Map.of(), List.of("*.env")));
    repo.commit(Map.of("env/web/a.conf", "a\n", "env/web/app.env", "A=1\nB=${MISSING}\n"), "first");

    RunResult result = scheduled().result();

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.error().code()).isEqualTo("render.invalid");
    assertThat(result.error().details())
        .containsEntry("file", "app.env")
        .containsEntry("line", "2");
    assertThat(rootFiles()).isEmpty();
  }

  @Test
  void aSymlinkEscapingTheRootFailsTheRunAndWritesNothing() throws Exception {
    register(policy(true, false));
    repo.write("env/web/a.conf", "a\n");
    repo.symlink("env/web/passwd", "../../../../etc/passwd");
    repo.commit("escape");

    RunResult result = scheduled().result();

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.error().code()).isEqualTo("target.unsafe_resource");
    assertThat(result.error().details()).containsEntry("file", "passwd");
    assertThat(rootFiles()).isEmpty();
  }

  @Test
  void aTreeEntryNamedDotDotFailsTheRunAndWritesNothing() throws Exception {
    register(policy(true, false));
    repo.commit(Map.of("env/web/a.conf", "a\n"), "first");
    scheduled();
    // Git's own tools refuse such a tree; a hostile repository can still contain one.
    var db = repo.git().getRepository();
    try (ObjectInserter ins = db.newObjectInserter()) {
      ObjectId blob = ins.insert(Constants.OBJ_BLOB, "owned\n".getBytes());
      TreeFormatter escape = new TreeFormatter();
      escape.append("evil.conf", FileMode.REGULAR_FILE, blob);
      ObjectId escapeTree = ins.insert(escape);
      TreeFormatter web = new TreeFormatter();
      web.append("..", FileMode.TREE, escapeTree);
      web.append("a.conf", FileMode.REGULAR_FILE, blob);
      ObjectId webTree = ins.insert(web);
      TreeFormatter env = new TreeFormatter();
      env.append("web", FileMode.TREE, webTree);
      TreeFormatter top = new TreeFormatter();
      top.append("env", FileMode.TREE, ins.insert(env));
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(ins.insert(top));
      commit.setParentId(db.resolve("main"));
      PersonIdent who = new PersonIdent("Mallory", "m@example.com");
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage("hostile tree");
      ObjectId id = ins.insert(commit);
      ins.flush();
      RefUpdate update = db.updateRef("refs/heads/main");
      update.setNewObjectId(id);
      update.forceUpdate();
    }

    RunResult result = scheduled().result();

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.error().message()).contains("..");
    assertThat(rootFiles()).containsOnlyKeys("a.conf");
    assertThat(Files.exists(tmp.resolve("targets/evil.conf"))).isFalse();
  }

  @Test
  void anUnknownRefFailsTheRunWithATypedError() {
    register(policy(true, false));
    repo.commit(Map.of("env/web/a.conf", "a\n"), "first");
    engine.store().put(engine.store().find(ENV).orElseThrow().withRef("no-such-branch"));

    RunResult result = scheduled().result();

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.error().code()).isEqualTo("git.unknown_ref");
    assertThat(Files.exists(root)).isFalse();
  }

  @Test
  void anUnreachableRemoteFailsTheRunWithATypedError() {
    engine.store().put(Source.of(SourceName.of("site"), tmp.resolve("nowhere").toUri().toString()));
    register(policy(true, false));

    RunResult result = scheduled().result();

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.error().code()).isEqualTo("git.unreachable");
    assertThat(Files.exists(root)).isFalse();
  }

  @Test
  void aDirectoryInTheWayFailsTheApplyBeforeAnyFileChanges() throws Exception {
    register(policy(true, false));
    repo.commit(
        Map.of("env/web/a.conf", "a\n", "env/web/b.conf", "b\n", "env/web/c.conf", "c\n"), "first");
    // A directory where Git has a file: the target cannot replace it.
    Files.createDirectories(root.resolve("b.conf/inside"));

    RunResult result = scheduled().result();

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.error().code()).isEqualTo("apply.failed");
    assertThat(result.outcomes())
        .extracting(o -> o.key().value() + "=" + o.result())
        .containsExactly("a.conf=NOT_ATTEMPTED", "b.conf=FAILED", "c.conf=NOT_ATTEMPTED");
    assertThat(result.error().details())
        .containsEntry("file", "b.conf")
        .containsEntry("applied", "");
    assertThat(Files.exists(root.resolve("a.conf"))).isFalse();
    try (Stream<Path> left = Files.walk(root)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(".driftless-tmp-"));
    }
  }

  @Test
  void postApplyOutputIsRecordedAndAFailingHealthCheckFailsTheRun() throws Exception {
    register(
        new TargetSpec.Directory(
            root,
            CommandSpec.shell("echo reloaded $(cat \"$DRIFTLESS_TARGET_ROOT/a.conf\")"),
            CommandSpec.shell("test -f \"$DRIFTLESS_TARGET_ROOT/healthy\""),
            java.time.Duration.ofSeconds(2)),
        null,
        policy(true, false));
    repo.commit(Map.of("env/web/a.conf", "a\n"), "first");

    RunResult unhealthy = scheduled().result();
    assertThat(unhealthy.commands())
        .first()
        .satisfies(c -> assertThat(c.output()).contains("reloaded a"));
    assertThat(unhealthy.status()).isEqualTo(RunStatus.FAILED);
    assertThat(unhealthy.error().code()).isEqualTo("target.unhealthy");

    repo.commit(Map.of("env/web/healthy", "yes\n"), "become healthy");
    RunResult healthy = scheduled().result();
    assertThat(healthy.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(healthy.health().health()).isEqualTo(io.driftless.engine.domain.Health.HEALTHY);
  }

  @Test
  void aRunWhoseCommandTheServerNoLongerAllowsFailsNamingItAndWritesNothing() {
    putWithPostApply(CommandSpec.shell("nginx -s reload"));
    repo.commit(Map.of("env/web/a.conf", "a\n"), "first");

    RunResult refused = scheduled().result();

    assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
    assertThat(refused.error().code()).isEqualTo("command.refused");
    assertThat(refused.error().details())
        .containsEntry("field", "target.postApply")
        .containsEntry("command", "nginx")
        .containsEntry("setting", "commands");
    assertThat(refused.error().message()).contains("which commands.allowed does not list");
    assertThat(root.resolve("a.conf")).doesNotExist();
  }

  @Test
  void aScriptFromGitInTheTargetRootIsNeverRun() throws Exception {
    repo.writeExecutable(
        "env/web/reload.sh", "#!/bin/sh\necho ran > \"$DRIFTLESS_TARGET_ROOT/ran\"\n");
    repo.commit(Map.of("env/web/a.conf", "a\n"), "a script beside the config");

    putWithPostApply(CommandSpec.shell("./reload.sh"));
    RunResult byPath = scheduled().result();
    putWithPostApply(new CommandSpec(List.of("sh", "-c", "reload.sh || ./reload.sh"), null));
    RunResult throughTheShell = scheduled().result();

    assertThat(byPath.status()).isEqualTo(RunStatus.FAILED);
    assertThat(byPath.error().message()).contains("by a relative path, which never runs");
    assertThat(throughTheShell.status()).isEqualTo(RunStatus.FAILED);
    assertThat(throughTheShell.error().code()).isEqualTo("target.post_apply");
    assertThat(Files.isExecutable(root.resolve("reload.sh"))).isTrue();
    assertThat(root.resolve("ran")).as("the script never ran").doesNotExist();
  }

  private void putWithPostApply(CommandSpec postApply) {
    register(new TargetSpec.Directory(root, postApply, null, null), null, policy(true, false));
  }

  @Test
  void previewShowsThePlanOfAnotherRefAndChangesNothing() throws Exception {
    register(policy(true, false));
    repo.commit(Map.of("env/web/a.conf", "a\n"), "first");
    scheduled();
    repo.checkoutNewBranch("feature");
    repo.commit(Map.of("env/web/a.conf", "a changed\n"), "on a branch");

    Reconciler.Preview preview = engine.reconciler().preview(ENV, "feature");

    assertThat(preview.plan().changes())
        .singleElement()
        .satisfies(c -> assertThat(c.action()).isEqualTo(ChangeAction.UPDATE));
    assertThat(Files.readString(root.resolve("a.conf"))).isEqualTo("a\n");
  }
}
