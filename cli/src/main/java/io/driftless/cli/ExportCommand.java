package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.ExportResponse;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import picocli.CommandLine.Command;

/** {@code driftless export}: today's registry as documents that {@code driftless apply} accepts. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Print the registered sources and environments as declarative documents (YAML) that"
          + " driftless apply -f accepts. Secrets are never printed: credentials appear by name,"
          + " and a source holding its credentials inline is skipped with a note.",
      "Example: driftless export > registry.yaml"
    })
final class ExportCommand extends ClientCommand {
  @Override
  int run(ApiClient api, Output out) {
    ExportResponse export = api.get("/api/v1/export", new TypeReference<ExportResponse>() {});
    if (out.structured()) {
      out.document(export);
    } else {
      out.out().print(export.documents());
      out.out().flush();
    }
    export.skipped().forEach(s -> out.note("skipped " + s));
    return CliException.OK;
  }
}
