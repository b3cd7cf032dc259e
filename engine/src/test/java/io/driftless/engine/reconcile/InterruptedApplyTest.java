package io.driftless.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.git.jgit.JGitMirror;
import io.driftless.engine.port.memory.MemoryStore;
import io.driftless.engine.render.FilesRenderer;
import io.driftless.engine.render.RenderCache;
import io.driftless.engine.target.Target;
import io.driftless.engine.target.TargetFactory;
import io.driftless.engine.target.directory.DirectoryTargetFactory;
import io.driftless.engine.testing.TestGitRepo;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: a process killed mid-apply leaves nothing that the next run does not clean up, even
 * when the next run has nothing to apply or applies another revision.
 */
class InterruptedApplyTest {
  private static final EnvironmentName ENV = EnvironmentName.of("web");

  @TempDir Path tmp;
  private TestGitRepo repo;
  private MemoryStore store;
  private JGitMirror git;
  private Path root;

  /** What a kill -9 does to a run: it stops, and nothing of it cleans up or records. */
  private static final class Killed extends Error {
    Killed() {
      super("killed");
    }
  }

  @BeforeEach
  void setUp() {
    repo = TestGitRepo.create(tmp.resolve("repo"));
    store = new MemoryStore(Clock.systemUTC());
    git = new JGitMirror(tmp.resolve("work"), Duration.ofSeconds(20));
    root = tmp.resolve("targets/web");
    store.put(Source.of(SourceName.of("site"), repo.url()));
    store.put(
        new Environment(
            ENV,
            SourceName.of("site"),
            "main",
            "env",
            null,
            null,
            TargetSpec.Directory.at(root),
            SyncPolicy.defaults().withPrune(true),
            null));
  }

  @AfterEach
  void tearDown() {
    git.close();
    repo.close();
  }

  private Reconciler reconciler(TargetFactory targets) {
    return new Reconciler(
        git.reader(),
        (source, commit) -> {},
        new RenderCache(new FilesRenderer(git.reader()), 64),
        targets,
        EnginePorts.of(store),
        Clock.systemUTC(),
        new Reconciler.Settings("test", Duration.ofSeconds(30)),
        null,
        null);
  }

  private TargetFactory directories() {
    return new DirectoryTargetFactory(List.of(tmp.resolve("targets")), Clock.systemUTC());
  }

  /** Targets whose apply commits only the first {@code n} changes, then the process dies. */
  private TargetFactory killedAfter(int n) {
    TargetFactory real = directories();
    return environment -> {
      Target target = real.open(environment);
      return (Target)
          Proxy.newProxyInstance(
              Target.class.getClassLoader(),
              new Class<?>[] {Target.class},
              (proxy, method, args) -> {
                if (method.getName().equals("apply")) {
                  @SuppressWarnings("unchecked")
                  List<Change> changes = (List<Change>) args[0];
                  target.apply(changes.subList(0, n));
                  throw new Killed();
                }
                return method.invoke(target, args);
              });
    };
  }

  private List<String> tree() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root))
          .map(p -> root.relativize(p) + (Files.isDirectory(p) ? "/" : ""))
          .sorted()
          .toList();
    }
  }

  @Test
  void filesAKilledApplyCreatedAreManagedAndPrunedWhenTheyLeaveGit() throws IOException {
    repo.commit(Map.of("env/a.conf", "a\n"), "first");
    try (Reconciler first = reconciler(directories())) {
      assertThat(first.reconcile(ReconcileRequest.scheduled(ENV)).result().status())
          .isEqualTo(RunStatus.SUCCEEDED);
    }
    repo.commit(Map.of("env/new/b.conf", "b\n", "env/new/c.conf", "c\n"), "second");
    try (Reconciler killed = reconciler(killedAfter(1))) {
      assertThatThrownBy(() -> killed.reconcile(ReconcileRequest.scheduled(ENV)))
          .isInstanceOf(Killed.class);
    }
    assertThat(tree()).containsExactly("a.conf", "new/", "new/b.conf");
    assertThat(store.get(ENV).keys())
        .as("written ahead of the apply")
        .contains(ResourceKey.of("new/b.conf"), ResourceKey.of("new/c.conf"));

    // After the restart, Git has moved on: the files the killed apply wrote are no longer wanted.
    repo.delete("env/new/b.conf").delete("env/new/c.conf").commit("revert");
    try (Reconciler restarted = reconciler(directories())) {
      assertThat(restarted.reconcile(ReconcileRequest.scheduled(ENV)).result().status())
          .isEqualTo(RunStatus.SUCCEEDED);
    }

    assertThat(tree()).containsExactly("a.conf");
    assertThat(store.get(ENV).keys()).containsExactly(ResourceKey.of("a.conf"));
  }

  @Test
  void aRunWithNothingToApplyStillRemovesAnInterruptedApplysLeftovers() throws IOException {
    repo.commit(Map.of("env/a.conf", "a\n"), "first");
    try (Reconciler first = reconciler(directories())) {
      first.reconcile(ReconcileRequest.scheduled(ENV));
    }
    // As a kill between the last rename and the cleanup leaves it: staged files, the journal,
    // and a directory the apply created that ended up holding nothing.
    Path staging = Files.createDirectories(root.resolve(".driftless-staging/web"));
    Files.writeString(staging.resolve(".driftless-tmp-00000000000000aa"), "staged\n");
    Files.createDirectories(root.resolve("made/empty"));
    Files.write(
        staging.resolve("created-directories"),
        "made\0made/empty\0".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    try (Reconciler next = reconciler(directories())) {
      assertThat(next.reconcile(ReconcileRequest.scheduled(ENV)).result().status())
          .isEqualTo(RunStatus.NO_OP);
    }

    assertThat(tree()).containsExactly("a.conf");
  }
}
