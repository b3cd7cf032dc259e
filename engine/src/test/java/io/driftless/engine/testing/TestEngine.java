package io.driftless.engine.testing;

import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.jgit.JGitMirror;
import io.driftless.engine.port.memory.MemoryStore;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.reconcile.EnginePorts;
import io.driftless.engine.reconcile.Reconciler;
import io.driftless.engine.render.FilesRenderer;
import io.driftless.engine.render.RenderCache;
import io.driftless.engine.render.RenderLimits;
import io.driftless.engine.target.TargetFactory;
import io.driftless.engine.target.directory.DirectoryTargetFactory;
import io.driftless.engine.verify.CommitVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The whole engine wired for a test: the real JGit mirror and directory target, in-memory ports and
 * the system clock.
 */
public final class TestEngine implements AutoCloseable {
  private final MemoryStore store;
  private final JGitMirror git;
  private final RenderCache renderCache;
  private final Reconciler reconciler;
  private final Clock clock;

  private TestEngine(
      Path workDir, Path targetsRoot, CommitVerifier verifier, CommandPolicy commands) {
    this(
        workDir,
        targetsRoot,
        verifier,
        commands,
        UnaryOperator.identity(),
        t -> t,
        RenderLimits.defaults());
  }

  private TestEngine(
      Path workDir,
      Path targetsRoot,
      CommitVerifier verifier,
      CommandPolicy commands,
      UnaryOperator<GitReader> reads,
      UnaryOperator<TargetFactory> targets,
      RenderLimits limits) {
    this.clock = Clock.systemUTC();
    this.store = new MemoryStore(clock);
    this.git = new JGitMirror(workDir, Duration.ofSeconds(20));
    GitReader reader = reads.apply(git.reader());
    this.renderCache = new RenderCache(new FilesRenderer(reader, limits), 64);
    this.reconciler =
        new Reconciler(
            reader,
            verifier,
            renderCache,
            targets.apply(new DirectoryTargetFactory(List.of(targetsRoot), commands, clock)),
            EnginePorts.of(store),
            clock,
            new Reconciler.Settings("test", Duration.ofSeconds(30)),
            null,
            null);
  }

  /** An engine whose targets may live anywhere under {@code targetsRoot}. */
  public static TestEngine create(Path workDir, Path targetsRoot) {
    return create(workDir, targetsRoot, CommandPolicy.off());
  }

  /** An engine whose directory targets may run the commands {@code commands} allows. */
  public static TestEngine create(Path workDir, Path targetsRoot, CommandPolicy commands) {
    return new TestEngine(workDir, targetsRoot, TestEngine::refuseSignedSources, commands);
  }

  /**
   * An engine whose reads of Git and of its targets go through {@code reads} and {@code targets}
   * (wrappers that count them, such as {@link CountingGitReader} and {@link CountingTargets}).
   */
  public static TestEngine wrapped(
      Path workDir,
      Path targetsRoot,
      UnaryOperator<GitReader> reads,
      UnaryOperator<TargetFactory> targets) {
    return wrapped(workDir, targetsRoot, reads, targets, RenderLimits.defaults());
  }

  /**
   * As {@link #wrapped(Path, Path, UnaryOperator, UnaryOperator)}, rendering within {@code limits}.
   */
  public static TestEngine wrapped(
      Path workDir,
      Path targetsRoot,
      UnaryOperator<GitReader> reads,
      UnaryOperator<TargetFactory> targets,
      RenderLimits limits) {
    return new TestEngine(
        workDir,
        targetsRoot,
        TestEngine::refuseSignedSources,
        CommandPolicy.off(),
        reads,
        targets,
        limits);
  }

  public static TestEngine create(Path workDir, Path targetsRoot, CommitVerifier verifier) {
    return new TestEngine(workDir, targetsRoot, verifier, CommandPolicy.off());
  }

  private static void refuseSignedSources(
      io.driftless.engine.domain.Source source, io.driftless.engine.git.Commit commit) {
    throw new IllegalStateException("this test engine has no signature verifier");
  }

  public MemoryStore store() {
    return store;
  }

  public JGitMirror git() {
    return git;
  }

  public RenderCache renderCache() {
    return renderCache;
  }

  public Reconciler reconciler() {
    return reconciler;
  }

  public Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    reconciler.close();
    git.close();
  }
}
