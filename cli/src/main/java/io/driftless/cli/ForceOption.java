package io.driftless.cli;

import io.driftless.cli.client.ApiClient;
import picocli.CommandLine.Option;

/**
 * {@code --force} for the REST changes of an object declared in documents (environments as code):
 * without it the server refuses them naming the owner and the file; with it the change goes through
 * and is audited as forced, until the owner's next apply reverts it.
 */
final class ForceOption {
  @Option(
      names = "--force",
      description =
          "Go ahead although it is managed by documents (driftless apply): audited as forced;"
              + " the owner's next apply reverts a change.")
  boolean force;

  /** The query string the request takes: {@code ?force=true}, or nothing. */
  String query() {
    return ApiClient.query(ApiClient.params("force", force ? "true" : null));
  }
}
