package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.PlanResponse;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftless diff <env> [--ref]}: the plan a ref would apply now, for a pull-request pipeline
 * to gate on; nothing changes on the server or the target.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Show what a ref (branch, tag, refs/pull/N/head or commit) would change in an environment"
          + " now. Nothing is changed.",
      "Exit 0 when nothing would change, 1 when something would, 2 on error.",
      "Example (pull-request check): driftless diff prod --ref refs/pull/42/head"
    })
final class DiffCommand extends ClientCommand {
  @Parameters(paramLabel = "ENV")
  String environment;

  @Option(names = "--ref", description = "What to compare (default: the environment's ref).")
  String ref;

  @Override
  int run(ApiClient api, Output out) {
    PlanResponse plan =
        api.get(
            ApiClient.path("environments", environment, "diff")
                + ApiClient.query(ApiClient.params("ref", ref)),
            new TypeReference<PlanResponse>() {});
    if (out.structured()) {
      out.document(plan);
    } else {
      print(out, plan);
    }
    return plan.changes().isEmpty() ? CliException.OK : CliException.NO;
  }

  private void print(Output out, PlanResponse plan) {
    String at = (ref == null ? "" : ref + " ") + "at " + Output.shortRevision(plan.revision());
    if (plan.changes().isEmpty()) {
      out.say("No changes: " + environment + " already matches " + at);
    } else {
      out.say(out.bold(environment + " would change (" + at + "): " + plan.summary()));
      for (PlanResponse.PlannedChange c : plan.changes()) {
        out.say(
            symbol(out, c.action())
                + " "
                + c.key()
                + (c.adopt() ? " (adopted: exists on the target, not yet managed)" : "")
                + (c.drift() ? " (drift: changed by hand on the target)" : ""));
        if (c.diff() != null && !c.diff().isEmpty()) {
          out.out().print(out.diff(c.diff(), 4));
        }
      }
    }
    if (!plan.pruneSkipped().isEmpty()) {
      out.say("Not deleted (prune is off): " + String.join(", ", plan.pruneSkipped()));
    }
    if (!plan.drifted().isEmpty()) {
      out.say(out.yellow("Drifted on the target: ") + String.join(", ", plan.drifted()));
    }
    out.out().flush();
  }

  private static String symbol(Output out, String action) {
    return switch (action) {
      case "create" -> out.green("+ create");
      case "delete" -> out.red("- delete");
      default -> out.yellow("~ " + action);
    };
  }
}
