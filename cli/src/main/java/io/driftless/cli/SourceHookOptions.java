package io.driftless.cli;

import io.driftless.api.model.PreviewsBody;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The webhook and pull-request options that {@code source add} and {@code source set} share. */
final class SourceHookOptions {
  @Option(
      names = "--webhook-secret-file",
      paramLabel = "FILE",
      description = "The secret that push webhooks are signed with.")
  Path webhookSecretFile;

  @Option(
      names = "--fork-previews",
      paramLabel = "MODE",
      description =
          "Previews of pull requests from forks: summary (counts and names, no content; the"
              + " default), approve (nothing until an operator approves the head) or off.")
  String forkPreviews;

  boolean given() {
    return webhookSecretFile != null || forkPreviews != null;
  }

  /** The secret read from its file; null when not given. */
  String webhookSecret() {
    return Inputs.secret(webhookSecretFile, "webhook secret");
  }

  PreviewsBody previews() {
    return forkPreviews == null ? null : new PreviewsBody(forkPreviews);
  }
}
