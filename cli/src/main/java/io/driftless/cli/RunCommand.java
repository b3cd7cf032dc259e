package io.driftless.cli;

import io.driftless.api.model.ChangeResponse;
import io.driftless.api.model.RunResponse;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless run show <id>}: one run, its phases and its changes. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Show one run.",
    subcommands = RunCommand.Show.class)
final class RunCommand extends GroupCommand {

  /** The run and its changes, as {@code -o json|yaml} prints them. */
  record RunDetail(RunResponse run, List<ChangeResponse> changes) {}

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "A run with its phases and per-resource changes.")
  static final class Show extends ClientCommand {
    @Parameters(paramLabel = "ID")
    long id;

    @Option(names = "--diff", description = "Show each change's diff.")
    boolean diff;

    @Override
    int run(ApiClient api, Output out) {
      RunResponse r = api.get(ApiClient.path("runs", Long.toString(id)), RunWatcher.RUN);
      if (out.structured()) {
        out.document(
            new RunDetail(
                r,
                Pages.all(
                    api,
                    ApiClient.path("runs", Long.toString(id), "changes"),
                    RunWatcher.CHANGES)));
        return CliException.OK;
      }
      out.fields(
          r,
          () -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("run", r.id());
            f.put("environment", r.environment());
            f.put("status", out.status(r.status()));
            f.put("revision", r.revision());
            if (r.trigger() != null) {
              f.put(
                  "trigger",
                  r.trigger().type()
                      + " by "
                      + r.trigger().actor()
                      + (r.trigger().reason() == null || r.trigger().reason().isEmpty()
                          ? ""
                          : ": " + r.trigger().reason()));
            }
            f.put("created", r.createdAt());
            f.put("finished", r.finishedAt());
            f.put("changes", RunsCommand.counts(r));
            if (r.rollbackOf() != null) {
              f.put("rollback of", "run " + r.rollbackOf());
            }
            for (RunResponse.PhaseView p : r.phases()) {
              f.put("  " + p.phase(), p.durationMillis() + " ms");
            }
            if (r.error() != null) {
              f.put("error", out.red(r.error().message()));
            }
            return f;
          });
      RunWatcher.changes(api, out, r.id(), diff);
      return CliException.OK;
    }
  }
}
