package io.driftless.cli;

import io.driftless.api.DriftlessApplication;
import io.driftless.api.DriftlessContext;
import io.driftless.api.auth.Caller;
import io.driftless.api.model.ChangeResponse;
import io.driftless.api.model.CredentialRequest;
import io.driftless.api.model.DecryptionBody;
import io.driftless.api.model.EnvironmentRequest;
import io.driftless.api.model.ManagedBy;
import io.driftless.api.model.RunResponse;
import io.driftless.api.model.SourceRequest;
import io.driftless.api.model.SyncPolicyBody;
import io.driftless.api.model.SyncRequest;
import io.driftless.api.model.TargetBody;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.query.ChangeQuery;
import io.driftless.engine.port.query.TokenRole;
import io.driftless.scheduler.QueuedRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftless demo}: the server on H2 in {@code ./data} with the bundled example as a Git
 * repository. The bootstrap is by REST: the source {@code demo} and the config environment {@code
 * demo-config} reading its {@code driftless/} folder, whose document declares the environment
 * {@code demo} (directory target {@code ./data/targets/demo}, a root relative to the config
 * environment's scope). Both are synced once, the config environment first; then it keeps serving.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start the server (H2 under ./data), turn the bundled example into a Git repository,"
          + " register it with the config environment demo-config, whose driftless/demo.yaml"
          + " declares the environment demo (its files in ./data/targets/demo), sync both"
          + " once and keep serving. Run it again after committing in ./data/demo-repo."
    })
final class DemoCommand implements Callable<Integer> {
  static final String NAME = "demo";

  /** The config environment that declares the demo environment from the repository's driftless/. */
  static final String CONFIG = "demo-config";

  /** The credential holding the example's age key (public: the demo's SOPS file is no secret). */
  static final String DEMO_KEY = "demo-age";

  private static final Caller DEMO = new Caller("demo", TokenRole.ADMIN);

  @Spec CommandSpec spec;

  @Mixin VerboseOption verbose;

  @Parameters(
      arity = "0..1",
      paramLabel = "config.yml",
      description = "Configuration file (default: built-in defaults, data in ./data).")
  Path config;

  @Option(names = "--diff", description = "Print the diff of every change of the sync.")
  boolean showDiff;

  @Option(names = "--exit", description = "Stop the server after the sync instead of serving.")
  boolean exit;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ServerCommand.requireFile(spec, config);
    if (config == null && System.getProperty("dw.logging.level") == null) {
      // The demo's own output says what happened; the server's INFO lines would bury it.
      System.setProperty("dw.logging.level", "WARN");
    }
    // The demo's repository is a directory on this machine; no other source may be.
    System.setProperty("dw.git.allowLocalUrls", "true");
    DriftlessApplication app = ServerCommand.start(config);
    DriftlessContext ctx = app.context();
    Path dataDir = app.configuration().dataDir();
    Path repo = dataDir.resolve("demo-repo");
    if (ExampleRepository.createIfMissing(repo)) {
      out.println("Created the demo repository " + repo + " from the bundled example.");
    }
    Path targets = dataDir.resolve("targets").toAbsolutePath().normalize();
    register(ctx, repo, targets);

    // The config environment applies driftless/demo.yaml: the registry follows Git first.
    RunResponse config = sync(ctx, CONFIG);
    print(out, ctx, "Config environment " + CONFIG, config);
    if (config.error() == null) {
      out.println("Registry: driftless/ of " + repo);
    }
    RunResponse run = sync(ctx, NAME);
    print(out, ctx, "Environment " + NAME, run);
    ManagedBy managedBy = ctx.environments().get(EnvironmentName.of(NAME)).managedBy();
    out.println(
        "Environment "
            + NAME
            + (managedBy == null
                ? " is registered by REST"
                : " is managed by " + managedBy.owner() + " (file " + managedBy.file() + ")"));
    if (run.error() == null) {
      out.println("Target: " + targets.resolve(NAME));
    }

    String url = "http://localhost:" + app.port();
    Path tokenFile = app.configuration().getAuth().adminTokenFile(dataDir);
    Path shown = relative(tokenFile);
    String auth = "-H \"Authorization: Bearer $(cat " + shown + ")\"";
    out.println();
    out.println(
        "Driftless is serving " + url + "/api/v1 (OpenAPI: " + url + "/api/v1/openapi.json)");
    out.println(
        "Admin token: "
            + shown
            + (Files.isRegularFile(tokenFile)
                ? ""
                : " (missing: it is written on the first start only)"));
    out.println("Dashboard: " + url + "/ (sign in with the admin token)");
    out.println("Try:");
    out.println("  curl " + auth + " " + url + "/api/v1/environments/demo");
    out.println("  curl " + auth + " " + url + "/api/v1/environments/" + CONFIG + "/runs");
    out.println("  curl " + auth + " " + url + "/api/v1/runs/" + run.id() + "/changes");
    out.println(
        "  curl -X POST "
            + auth
            + " -H 'Content-Type: application/json' -d '{\"reason\":\"trying driftless\"}' "
            + url
            + "/api/v1/environments/demo/sync");
    out.flush();
    if (exit) {
      System.exit("failed".equals(run.status()) || "failed".equals(config.status()) ? 1 : 0);
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
    app.awaitStop();
    return 0;
  }

  /**
   * Registers the source and the config environment unless they exist: a rerun keeps the user's
   * changes. The demo environment itself is declared in the repository, not here.
   */
  private static void register(DriftlessContext ctx, Path repo, Path targets) {
    // A demo repository made before the example had a SOPS file has no key: nothing to decrypt.
    Path keyFile = repo.resolve("demo-age-key.txt");
    boolean hasKey = true;
    try {
      ctx.credentials().get(DEMO_KEY);
    } catch (NotFoundException e) {
      hasKey = Files.isRegularFile(keyFile);
      if (hasKey) {
        ctx.credentials()
            .add(
                DEMO,
                new CredentialRequest(
                    DEMO_KEY, "age-identity", null, null, null, null, null, read(keyFile), null));
      }
    }
    try {
      ctx.sources().get(SourceName.of(NAME));
    } catch (NotFoundException e) {
      ctx.sources()
          .register(
              DEMO,
              new SourceRequest(
                  NAME,
                  repo.toUri().toString(),
                  null,
                  null,
                  null,
                  null,
                  null,
                  hasKey ? new DecryptionBody(List.of(DEMO_KEY)) : null));
    }
    try {
      ctx.environments().get(EnvironmentName.of(CONFIG));
    } catch (NotFoundException e) {
      // Its documents may use only the demo source and roots under data/targets, no commands.
      ctx.environments()
          .register(
              DEMO,
              new EnvironmentRequest(
                  CONFIG,
                  NAME,
                  "main",
                  "driftless",
                  null,
                  null,
                  TargetBody.registry(
                      new TargetBody.ScopeBody(
                          List.of(NAME), List.of(targets.toString()), null, false),
                      null),
                  new SyncPolicyBody(true, true, true, false, "1m", null, null, null)));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RunResponse await(DriftlessContext ctx, RunId id) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (true) {
      RunResponse run = ctx.runs().run(id);
      if (!run.status().equals("queued") && !run.status().equals("running")) {
        return run;
      }
      if (Instant.now().isAfter(deadline)) {
        return run;
      }
      Thread.sleep(100);
    }
  }

  private static RunResponse sync(DriftlessContext ctx, String name) throws InterruptedException {
    QueuedRun queued =
        ctx.actions()
            .sync(
                DEMO,
                EnvironmentName.of(name),
                new SyncRequest(null, null, null, null, "driftless demo"));
    return await(ctx, queued.run());
  }

  private void print(PrintWriter out, DriftlessContext ctx, String what, RunResponse run) {
    out.printf(
        "%s: run %d %s at %s.%n",
        what,
        run.id(),
        run.status(),
        run.revision() == null ? "-" : run.revision().substring(0, 8));
    for (ChangeResponse change :
        ctx.runs().changes(ChangeQuery.first(RunId.of(run.id()), 1000)).items()) {
      out.printf(
          "  %-7s %-8s %s%s%s%n",
          change.action(),
          change.result(),
          change.key(),
          change.adopt() ? " (adopted)" : "",
          change.drift() ? " (drift)" : "");
      if (showDiff && change.diff() != null) {
        out.print(change.diff().indent(4));
      }
    }
    if (run.error() != null) {
      out.println("Error: " + run.error().message());
    }
  }

  private static Path relative(Path file) {
    Path cwd = Path.of("").toAbsolutePath();
    return file.startsWith(cwd) ? cwd.relativize(file) : file;
  }
}
