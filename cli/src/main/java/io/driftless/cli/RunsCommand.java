package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.ItemPage;
import io.driftless.api.model.RunResponse;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.output.Output;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless runs <env>}: the history, newest first. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "The runs of an environment, newest first.")
final class RunsCommand extends ListCommand<RunResponse> {
  static final TypeReference<ItemPage<RunResponse>> PAGE = new TypeReference<>() {};

  @Parameters(paramLabel = "ENV")
  String environment;

  @Option(names = "--status", description = "Only runs with this status, e.g. failed.")
  String status;

  @Mixin LimitOption limit = new LimitOption(20);

  RunsCommand() {
    super("ID", "STATUS", "TRIGGER", "BY", "REVISION", "CHANGES", "TOOK", "AGE");
  }

  @Override
  List<RunResponse> items(ApiClient api) {
    return limit.read(
        api,
        ApiClient.path("environments", environment, "runs"),
        ApiClient.params("status", status),
        PAGE);
  }

  @Override
  Object[] row(RunResponse r, Output out) {
    return new Object[] {
      r.id(),
      out.status(r.status()),
      r.trigger() == null ? "-" : r.trigger().type(),
      r.trigger() == null ? "-" : r.trigger().actor(),
      Output.shortRevision(r.revision()),
      counts(r),
      r.startedAt() == null || r.finishedAt() == null
          ? "-"
          : Output.span(Duration.between(r.startedAt(), r.finishedAt())),
      Output.age(r.createdAt())
    };
  }

  static String counts(RunResponse r) {
    return r.counts() == null
        ? "-"
        : "+" + r.counts().creates() + " ~" + r.counts().updates() + " -" + r.counts().deletes();
  }
}
