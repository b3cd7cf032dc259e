package io.driftless.cli;

import io.driftless.engine.diff.UnifiedDiff;
import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.git.JGitMirror;
import io.driftless.engine.port.memory.MemoryStore;
import io.driftless.engine.reconcile.EnginePorts;
import io.driftless.engine.reconcile.ReconcileOutcome;
import io.driftless.engine.reconcile.ReconcileRequest;
import io.driftless.engine.reconcile.Reconciler;
import io.driftless.engine.render.FilesRenderer;
import io.driftless.engine.render.RenderCache;
import io.driftless.engine.target.directory.DirectoryTargetFactory;
import io.driftless.engine.verify.SignatureVerifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code driftless demo}: the bundled example as a Git repository, one environment with the
 * directory target, reconciled once by the engine.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Create a Git repository from the bundled example under the data directory, register it"
          + " with one environment (directory target <data>/targets/demo) and reconcile it once."
    })
final class DemoCommand implements Callable<Integer> {
  static final EnvironmentName ENVIRONMENT = EnvironmentName.of("demo");

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      defaultValue = "data",
      description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--diff", description = "Print the diff of every change.")
  boolean showDiff;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path dataDir = data.toAbsolutePath().normalize();
    Path repo = dataDir.resolve("demo-repo");
    Path targets = dataDir.resolve("targets");
    Path root = targets.resolve("demo");
    if (ExampleRepository.createIfMissing(repo)) {
      out.println("Created the demo repository " + repo + " from the bundled example.");
    }

    Clock clock = Clock.systemUTC();
    MemoryStore store = new MemoryStore(clock);
    store.put(Source.of(SourceName.of("demo"), repo.toUri().toString()));
    store.put(
        new Environment(
            ENVIRONMENT,
            SourceName.of("demo"),
            "main",
            "environments/staging",
            null,
            new Variables(
                Map.of("GREETING", "hello from driftless", "LOG_LEVEL", "info"), List.of("*.env")),
            TargetSpec.Directory.at(root),
            SyncPolicy.defaults().withPrune(true)));
    JGitMirror git = new JGitMirror(dataDir.resolve("git"), Duration.ofSeconds(30));
    try (Reconciler reconciler =
        new Reconciler(
            git,
            new SignatureVerifier()::verify,
            new RenderCache(new FilesRenderer(git), 16),
            new DirectoryTargetFactory(List.of(targets), clock),
            EnginePorts.of(store),
            clock,
            Reconciler.Settings.defaults(),
            null)) {
      ReconcileOutcome outcome = reconciler.reconcile(ReconcileRequest.scheduled(ENVIRONMENT));
      print(out, outcome.result(), root);
      return outcome.result().status() == RunStatus.FAILED ? 1 : 0;
    }
  }

  private void print(PrintWriter out, RunResult result, Path root) {
    out.printf(
        "Environment demo: %s at %s, %s.%n",
        result.status(),
        result.revision() == null ? "-" : result.revision().shortId(),
        result.plan().summary());
    for (ResourceOutcome outcome : result.outcomes()) {
      Change change = outcome.change();
      out.printf(
          "  %-7s %-8s %s%s%s%n",
          change.action(),
          outcome.result(),
          change.key(),
          change.adopt() ? " (adopted)" : "",
          change.drift() ? " (drift)" : "");
      if (showDiff) {
        out.print(UnifiedDiff.of(change).indent(4));
      }
    }
    result.commands().forEach(c -> out.printf("  command %s exited %d%n", c.name(), c.exitCode()));
    if (result.error() != null) {
      out.println("Error: " + result.error().message());
    } else {
      out.println("Target: " + root);
    }
  }
}
