package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.EnvironmentResponse;
import io.driftless.api.model.PromoteRequest;
import io.driftless.api.model.PromotionResponse;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftless promote <from> <to>}: promotes what {@code from} runs healthily into {@code to}
 * through its promotion rule (a commit on its branch, or a pull request).
 */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Promote what FROM applied healthily into TO, by TO's promotion rule (operator): one commit"
          + " pushed onto TO's branch, or a pull request to review.",
      "Exit 0 promoted or nothing to change, 2 error (a revision that is not promotable, FROM"
          + " not the rule's, a refused push).",
      "Example: driftless promote staging prod --reason 'release 1.4'"
    })
final class PromoteCommand extends ClientCommand {
  static final TypeReference<PromotionResponse> PROMOTION = new TypeReference<>() {};

  @Parameters(index = "0", paramLabel = "FROM", description = "The promoting environment.")
  String from;

  @Parameters(index = "1", paramLabel = "TO", description = "The receiving environment.")
  String to;

  @Option(names = "--reason", required = true, description = "Why, for the audit log.")
  String reason;

  @Option(
      names = "--revision",
      description = "A full commit FROM applied healthily (default: the one it applied last).")
  String revision;

  @Override
  int run(ApiClient api, Output out) {
    EnvironmentResponse receiving =
        api.get(ApiClient.path("environments", to), EnvCommand.ENVIRONMENT);
    if (receiving.promotion() == null) {
      throw new CliException(
          to
              + " has no promotion rule: driftless env set "
              + to
              + " --promote-from "
              + from
              + " sets one");
    }
    if (!receiving.promotion().from().equals(from)) {
      throw new CliException(
          to + " is promoted from " + receiving.promotion().from() + ", not " + from);
    }
    PromotionResponse done =
        api.post(
            ApiClient.path("environments", to, "promote"),
            new PromoteRequest(reason, revision),
            PROMOTION);
    out.message(done, done.message());
    return CliException.OK;
  }
}
