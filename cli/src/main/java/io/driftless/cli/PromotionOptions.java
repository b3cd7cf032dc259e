package io.driftless.cli;

import io.driftless.api.model.PromotionBody;
import io.driftless.cli.client.CliException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of an environment's promotion rule: where from, which files, how and when. */
final class PromotionOptions {
  @Option(
      names = "--promote-from",
      paramLabel = "ENV",
      description =
          "Receive promotions from this environment of the same source (POST"
              + " .../promote copies its healthy revision's files here).")
  String promoteFrom;

  @Option(
      names = "--promote-path",
      paramLabel = "GLOB",
      description =
          "Which files a promotion carries, relative to the path, e.g. 'release/**' (repeatable;"
              + " default every file; on env set the given globs replace the stored ones).")
  List<String> promotePaths = new ArrayList<>();

  @Option(
      names = "--promote-via",
      paramLabel = "MODE",
      description = "How a promotion arrives: pull-request (default) or commit.")
  String promoteVia;

  @Option(
      names = "--promote-after-healthy",
      paramLabel = "DURATION",
      description =
          "Promote on its own once the --promote-from environment has stayed on a healthy"
              + " revision this long with no failed run since, once per revision, e.g. 10m"
              + " ('off' on env set: only people promote).")
  String promoteAfterHealthy;

  @Option(names = "--no-promotion", description = "env set: remove the promotion rule.")
  boolean noPromotion;

  /**
   * The promotion rule: the {@code --promote-*} options over {@code current} (env set), {@code {}}
   * for {@code --no-promotion}; null when none of them is given.
   */
  PromotionBody rule(PromotionBody current) {
    boolean given =
        promoteFrom != null
            || !promotePaths.isEmpty()
            || promoteVia != null
            || promoteAfterHealthy != null;
    if (noPromotion && given) {
      throw new CliException("give --promote-* options or --no-promotion, not both");
    }
    if (noPromotion) {
      return new PromotionBody(null, null, null);
    }
    if (!given) {
      return null;
    }
    PromotionBody base = current == null ? new PromotionBody(null, null, null) : current;
    String from = promoteFrom != null ? promoteFrom : base.from();
    if (from == null) {
      throw new CliException("--promote-from is required: the environment to promote from");
    }
    PromotionBody.Auto auto =
        promoteAfterHealthy == null
            ? base.auto()
            : promoteAfterHealthy.strip().equalsIgnoreCase("off")
                ? null
                : new PromotionBody.Auto(promoteAfterHealthy.strip());
    return new PromotionBody(
        from,
        promotePaths.isEmpty() ? base.paths() : List.copyOf(promotePaths),
        promoteVia != null ? promoteVia : base.via(),
        auto);
  }
}
