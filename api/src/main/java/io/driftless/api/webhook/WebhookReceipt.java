package io.driftless.api.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * The answer to an authentic delivery.
 *
 * @param result {@code queued}, {@code ignored} or {@code duplicate}
 * @param delivery the host's delivery id; null when it sent none
 * @param runs the runs queued (or joined, {@code coalesced}), one per environment
 * @param skipped environments that follow the pushed ref but were left alone, with why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookReceipt(
    String result, String delivery, String message, List<QueuedRun> runs, List<Skipped> skipped) {
  public WebhookReceipt {
    Objects.requireNonNull(result, "result");
    runs = runs == null ? List.of() : List.copyOf(runs);
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
  }

  static WebhookReceipt of(
      WebhookResult result,
      String delivery,
      String message,
      List<QueuedRun> runs,
      List<Skipped> skipped) {
    return new WebhookReceipt(result.label(), delivery, message, runs, skipped);
  }

  /** The HTTP status of this answer. */
  int status() {
    return WebhookResult.valueOf(result.toUpperCase(java.util.Locale.ROOT)).status();
  }

  /** A run queued for one environment; follow {@code location}. */
  public record QueuedRun(long run, String environment, boolean coalesced, String location) {}

  public record Skipped(String environment, String reason) {}
}
