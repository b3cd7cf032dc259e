package io.driftless.engine.reconcile;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.testing.TestEngine;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler end to end on one environment, {@code web}: the path {@code env/web} of the source
 * {@code site} (a real repository), applied to the directory {@code root}, with in-memory ports.
 */
abstract class ReconcilerTestBase {
  static final EnvironmentName ENV = EnvironmentName.of("web");
  static final SourceName SITE = SourceName.of("site");

  @TempDir Path tmp;
  TestGitRepo repo;
  TestEngine engine;
  Path root;

  @BeforeEach
  void openEngine() {
    repo = TestGitRepo.create(tmp.resolve("repo"));
    engine = TestEngine.create(tmp.resolve("work"), tmp.resolve("targets"), commands());
    root = tmp.resolve("targets/web");
    engine.store().put(Source.of(SITE, repo.url()));
  }

  @AfterEach
  void closeEngine() {
    engine.close();
    repo.close();
  }

  /** What the server lets this class's environments run: nothing, unless a class says so. */
  CommandPolicy commands() {
    return CommandPolicy.off();
  }

  /** Registers {@code web} with this target, variables and sync policy. */
  void register(TargetSpec target, Variables variables, SyncPolicy sync) {
    engine
        .store()
        .put(new Environment(ENV, SITE, "main", "env/web", null, variables, target, sync, null));
  }

  ReconcileOutcome scheduled() {
    return engine.reconciler().reconcile(ReconcileRequest.scheduled(ENV));
  }

  /** A webhook push as the scheduler hands it over: with its queued run. */
  ReconcileOutcome pushed() {
    Trigger push = new Trigger(TriggerType.WEBHOOK, "github", "");
    var run = engine.store().create(ENV, push, engine.clock().instant());
    return engine
        .reconciler()
        .reconcile(new ReconcileRequest(ENV, push, SyncOptions.defaults(), run));
  }
}
