package io.driftless.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.jgit.JGitMirror;
import io.driftless.engine.port.memory.MemoryStore;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.render.FilesRenderer;
import io.driftless.engine.render.RenderCache;
import io.driftless.engine.target.directory.DirectoryTargetFactory;
import io.driftless.engine.testing.MutableClock;
import io.driftless.engine.testing.TestGitRepo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One remote check per source per interval: the scheduled checks of 100 environments on one source
 * share the ref's head, counted through the {@link GitReader} the reconciler calls and the mirror's
 * own count of ls-remotes; webhook and API runs ask the remote at once.
 */
class SharedHeadsTest {
  private static final SourceName SITE = SourceName.of("site");
  private static final int ENVIRONMENTS = 100;
  private static final Duration INTERVAL = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private TestGitRepo repo;
  private MutableClock clock;
  private MemoryStore store;
  private JGitMirror mirror;
  private Reconciler reconciler;
  private final AtomicInteger updates = new AtomicInteger();

  @BeforeEach
  void open() {
    repo = TestGitRepo.create(tmp.resolve("repo"));
    Map<String, String> files = new HashMap<>();
    for (int i = 0; i < ENVIRONMENTS; i++) {
      files.put("envs/" + i + "/app.conf", "version 1\n");
    }
    repo.commit(files, "environments");
    clock = MutableClock.ticking();
    store = new MemoryStore(clock);
    mirror = new JGitMirror(tmp.resolve("work"), Duration.ofSeconds(20));
    GitReader git = counting(mirror.reader());
    reconciler =
        new Reconciler(
            git,
            (source, commit) -> {},
            new RenderCache(new FilesRenderer(git), 256),
            new DirectoryTargetFactory(List.of(tmp.resolve("targets")), CommandPolicy.off(), clock),
            EnginePorts.of(store),
            clock,
            new Reconciler.Settings("test", Duration.ofSeconds(30)),
            null,
            null);
    store.put(Source.of(SITE, repo.url()));
    SyncPolicy policy =
        new SyncPolicy(true, false, false, false, new SyncPolicy.Schedule.Interval(INTERVAL), null);
    for (int i = 0; i < ENVIRONMENTS; i++) {
      store.put(
          new Environment(
              env(i),
              SITE,
              "main",
              "envs/" + i,
              null,
              null,
              TargetSpec.Directory.at(tmp.resolve("targets/" + i)),
              policy,
              null));
    }
  }

  @AfterEach
  void close() {
    reconciler.close();
    mirror.close();
    repo.close();
  }

  @Test
  void theScheduledChecksOfOneSourceAskItsRemoteOncePerInterval() {
    for (int i = 0; i < ENVIRONMENTS; i++) {
      assertThat(scheduled(i)).isEqualTo(RunStatus.SUCCEEDED);
    }
    assertThat(updates).hasValue(1);
    assertThat(mirror.remoteCheckCount()).isEqualTo(1);

    for (int round = 2; round <= 3; round++) {
      clock.advance(INTERVAL);
      for (int i = 0; i < ENVIRONMENTS; i++) {
        assertThat(scheduled(i)).isEqualTo(RunStatus.NO_OP);
      }
      assertThat(updates).hasValue(round);
      assertThat(mirror.remoteCheckCount()).isEqualTo(round);
    }
  }

  @Test
  void anEnvironmentCheckedAgainWithinTheIntervalSeesTheRemoteAsOfAfterItsLastCheck()
      throws Exception {
    for (int i = 0; i < ENVIRONMENTS; i++) {
      assertThat(scheduled(i)).isEqualTo(RunStatus.SUCCEEDED);
    }
    repo.commit(Map.of("envs/1/app.conf", "version 2\n"), "second");
    clock.advance(INTERVAL.dividedBy(2));

    // The shared answer is still fresh, but older than env-1's own last check: asked again.
    assertThat(scheduled(1)).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(applied(1)).isEqualTo("version 2\n");
    assertThat(updates).hasValue(2);
    // That fresher answer serves the other environments checked after it.
    for (int i = 2; i < ENVIRONMENTS; i++) {
      assertThat(scheduled(i)).isEqualTo(RunStatus.NO_OP);
    }
    assertThat(updates).hasValue(2);
  }

  @Test
  void aScheduledCheckSeesANewCommitOnceTheSharedAnswerIsOneIntervalOld() throws Exception {
    assertThat(scheduled(0)).isEqualTo(RunStatus.SUCCEEDED);
    Revision second = repo.commit(Map.of("envs/1/app.conf", "version 2\n"), "second");

    clock.advance(Duration.ofSeconds(1));
    assertThat(scheduled(1)).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(applied(1)).isEqualTo("version 1\n");
    assertThat(updates).hasValue(1);

    clock.advance(INTERVAL.minusSeconds(1));
    assertThat(scheduled(1)).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(applied(1)).isEqualTo("version 2\n");
    assertThat(store.state(env(1)).appliedRevision()).isEqualTo(second);
    assertThat(updates).hasValue(2);
  }

  @Test
  void webhookAndApiRunsAskTheRemoteAtOnceAndTheNextScheduledChecksTakeTheirAnswer() {
    assertThat(scheduled(0)).isEqualTo(RunStatus.SUCCEEDED);
    repo.commit(Map.of("envs/1/app.conf", "version 2\n"), "second");

    assertThat(requested(1, new Trigger(TriggerType.WEBHOOK, "github", "")))
        .isEqualTo(RunStatus.SUCCEEDED);
    assertThat(applied(1)).isEqualTo("version 2\n");
    assertThat(updates).hasValue(2);

    repo.commit(Map.of("envs/2/app.conf", "version 2\n"), "third");
    assertThat(requested(2, Trigger.api("alice", "now"))).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(applied(2)).isEqualTo("version 2\n");
    assertThat(updates).hasValue(3);

    // Within the interval, a scheduled check takes the API run's fresher answer.
    assertThat(scheduled(3)).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(updates).hasValue(3);
  }

  private static EnvironmentName env(int i) {
    return EnvironmentName.of("env-" + i);
  }

  private RunStatus scheduled(int i) {
    return reconciler.reconcile(ReconcileRequest.scheduled(env(i))).result().status();
  }

  private RunStatus requested(int i, Trigger trigger) {
    var run = store.create(env(i), trigger, clock.instant());
    return reconciler
        .reconcile(new ReconcileRequest(env(i), trigger, SyncOptions.defaults(), run))
        .result()
        .status();
  }

  private String applied(int i) {
    try {
      return Files.readString(tmp.resolve("targets/" + i + "/app.conf"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The reader, counting the calls that reach the remote ({@link GitReader#update}). */
  private GitReader counting(GitReader reader) {
    return (GitReader)
        Proxy.newProxyInstance(
            GitReader.class.getClassLoader(),
            new Class<?>[] {GitReader.class},
            (proxy, method, args) -> {
              if (method.getName().equals("update")) {
                updates.incrementAndGet();
              }
              try {
                return method.invoke(reader, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
