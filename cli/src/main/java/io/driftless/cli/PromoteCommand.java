package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.EnvironmentResponse;
import io.driftless.api.model.ItemPage;
import io.driftless.api.model.PromoteRequest;
import io.driftless.api.model.PromotionResponse;
import io.driftless.api.model.PromotionView;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftless promote <from> <to>}: promotes what {@code from} runs healthily into {@code to}
 * through its promotion rule (a commit on its branch, or a pull request), and with {@code --wait}
 * follows the stored promotion until {@code to} applied it or it failed.
 */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
      "Promote what FROM applied healthily into TO, by TO's promotion rule (operator): one commit"
          + " pushed onto TO's branch, or a pull request to review.",
      "Exit 0 promoted or nothing to change, 2 error (a revision that is not promotable, FROM"
          + " not the rule's, a refused push).",
      "With --wait, return once TO has applied the promotion (exit 0; for a pull request, after"
          + " it is merged), or exit 1 when the promotion failed (a refused push, a diverged"
          + " branch, TO's run of it failed) or a newer one superseded it; TO needs auto-sync on.",
      "Example: driftless promote staging prod --reason 'release 1.4' --wait"
    })
final class PromoteCommand extends ClientCommand {
  static final TypeReference<PromotionResponse> PROMOTION = new TypeReference<>() {};
  static final TypeReference<PromotionView> STORED = new TypeReference<>() {};
  static final TypeReference<ItemPage<PromotionView>> STORED_PAGE = new TypeReference<>() {};

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

  @Option(
      names = {"-w", "--wait"},
      description = "Wait until TO has applied the promotion, or it failed.")
  boolean await;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "With --wait: give up after this long (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds = 3600;

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
    if (await && receiving.sync() != null && !receiving.sync().auto()) {
      throw new CliException(
          "--wait: "
              + to
              + " has auto-sync off, so nothing applies the promotion and waiting would never"
              + " end; promote without --wait, then 'driftless sync "
              + to
              + " --wait' once it is on "
              + to
              + "'s branch");
    }
    long newestBefore = await ? newest(api).map(PromotionView::id).orElse(0L) : 0L;
    PromotionResponse done;
    try {
      done =
          api.post(
              ApiClient.path("environments", to, "promote"),
              new PromoteRequest(reason, revision),
              PROMOTION);
    } catch (CliException refused) {
      // A refused push or a diverged branch is stored as a failed or diverged promotion.
      PromotionView stored = await ? newest(api).orElse(null) : null;
      if (stored != null && stored.id() > newestBefore) {
        out.say(refused.getMessage());
        return CliException.NO;
      }
      throw refused;
    }
    if (!await || done.promotion() == null) {
      out.message(done, done.message());
      return CliException.OK;
    }
    out.say(done.message());
    out.say("waiting for " + to + " to apply promotion " + done.promotion() + " ...");
    return follow(api, out, done.promotion(), Duration.ofSeconds(timeoutSeconds));
  }

  private Optional<PromotionView> newest(ApiClient api) {
    List<PromotionView> items =
        api.get(
                "/api/v1/promotions"
                    + ApiClient.query(ApiClient.params("environment", to, "limit", 1)),
                STORED_PAGE)
            .items();
    return items.stream().findFirst();
  }

  private static int follow(ApiClient api, Output out, long id, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      PromotionView p = api.get(ApiClient.path("promotions", Long.toString(id)), STORED);
      switch (p.state()) {
        case "applied" -> {
          out.message(
              p,
              "promotion " + id + " applied by run " + p.appliedRun() + " of " + p.environment());
          return CliException.OK;
        }
        case "failed", "diverged", "superseded" -> {
          out.message(
              p,
              "promotion "
                  + id
                  + " "
                  + p.state()
                  + (p.failure() == null ? "" : ": " + p.failure()));
          return CliException.NO;
        }
        default -> {
          // open or merged: not applied yet
        }
      }
      RunWatcher.pollAgain(
          deadline,
          timeout,
          "promotion " + id + " is still " + p.state(),
          "follow it with 'GET /api/v1/promotions/" + id + "'");
    }
  }
}
