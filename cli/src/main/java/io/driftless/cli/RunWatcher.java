package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.ChangeResponse;
import io.driftless.api.model.ItemPage;
import io.driftless.api.model.QueuedRunResponse;
import io.driftless.api.model.RunResponse;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows a run until it ends ({@code sync --wait}, {@code rollback --wait}), showing each phase as
 * it completes, and turns how it ended into the exit code: 0 succeeded or nothing to do, 1 failed
 * or interrupted.
 */
final class RunWatcher {
  static final TypeReference<RunResponse> RUN = new TypeReference<>() {};
  static final TypeReference<ItemPage<ChangeResponse>> CHANGES = new TypeReference<>() {};
  private static final Duration POLL = Duration.ofMillis(200);

  private RunWatcher() {}

  static boolean finished(RunResponse run) {
    return !run.status().equals("queued") && !run.status().equals("running");
  }

  static int exitCode(RunResponse run) {
    return switch (run.status()) {
      case "succeeded", "no_op" -> CliException.OK;
      default -> CliException.NO;
    };
  }

  /**
   * Says which run was queued ({@code sync}, {@code rollback}), then, with a feed ({@code --wait}),
   * follows it until it ends.
   */
  static int follow(
      ApiClient api, Output out, QueuedRunResponse queued, PhaseFeed feed, Duration timeout) {
    String line =
        "Run "
            + queued.run()
            + " queued for "
            + queued.environment()
            + (queued.coalesced() ? " (joined a run already waiting)" : "");
    if (feed == null) {
      out.message(queued, line);
      return CliException.OK;
    }
    out.say(line);
    return await(api, out, queued.run(), timeout, feed);
  }

  static int await(ApiClient api, Output out, long id, Duration timeout, PhaseFeed feed) {
    Instant deadline = Instant.now().plus(timeout);
    Set<String> shown = new HashSet<>();
    String status = null;
    while (true) {
      RunResponse run = api.get(ApiClient.path("runs", Long.toString(id)), RUN);
      if (!run.status().equals(status)) {
        status = run.status();
        if (!finished(run)) {
          out.say("  " + out.status(status));
        }
      }
      for (PhaseFeed.Phase p : feed.drain(id)) {
        if (shown.add(p.phase())) {
          out.say(phase(p.phase(), Math.round(p.seconds() * 1000)));
        }
      }
      for (RunResponse.PhaseView p : run.phases()) {
        if (shown.add(p.phase())) {
          out.say(phase(p.phase(), p.durationMillis()));
        }
      }
      if (finished(run)) {
        summary(api, out, run);
        return exitCode(run);
      }
      pollAgain(
          deadline,
          timeout,
          "run " + id + " is still " + run.status(),
          "follow it with 'driftless run show " + id + "'");
    }
  }

  /**
   * Waits one poll before the next look, or gives up past {@code deadline}: {@code still} says what
   * is still not done, {@code follow} how to follow it afterwards.
   */
  static void pollAgain(Instant deadline, Duration timeout, String still, String follow) {
    if (Instant.now().isAfter(deadline)) {
      throw new CliException(still + " after " + Output.span(timeout) + "; " + follow);
    }
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted; " + follow);
    }
  }

  private static String phase(String name, long millis) {
    return String.format("  %-10s %6d ms", name, millis);
  }

  /** How the run ended, and what it changed (table mode), or the run itself (JSON/YAML). */
  static void summary(ApiClient api, Output out, RunResponse run) {
    if (out.structured()) {
      out.document(run);
      return;
    }
    StringBuilder line =
        new StringBuilder("Run ")
            .append(run.id())
            .append(' ')
            .append(out.status(run.status()))
            .append(" at ")
            .append(Output.shortRevision(run.revision()));
    if (run.startedAt() != null && run.finishedAt() != null) {
      line.append(" in ").append(Output.span(Duration.between(run.startedAt(), run.finishedAt())));
    }
    if (run.counts() != null) {
      line.append(": ")
          .append(run.counts().creates())
          .append(" create, ")
          .append(run.counts().updates())
          .append(" update, ")
          .append(run.counts().deletes())
          .append(" delete");
    }
    out.say(line.toString());
    changes(api, out, run.id(), false);
    if (run.error() != null) {
      out.say(out.red("Error: ") + run.error().message());
    }
  }

  static List<ChangeResponse> changes(ApiClient api, Output out, long id, boolean diffs) {
    List<ChangeResponse> changes =
        Pages.all(api, ApiClient.path("runs", Long.toString(id), "changes"), CHANGES);
    for (ChangeResponse c : changes) {
      out.say(
          String.format(
              "  %-7s %-13s %s%s%s%s",
              c.action(),
              c.result() == null ? "-" : c.result(),
              c.key(),
              c.adopt() ? " (adopted)" : "",
              c.drift() ? " (drift)" : "",
              c.message() == null || c.message().isBlank() ? "" : ": " + c.message()));
      if (diffs && c.diff() != null) {
        out.out().print(out.diff(c.diff(), 4));
      }
    }
    return changes;
  }
}
