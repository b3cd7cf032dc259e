package io.driftless.cli;

import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import java.util.Map;
import picocli.CommandLine.Parameters;

/**
 * Removes one named object with {@code DELETE} and says so: {@code env rm}, {@code source rm},
 * {@code token revoke}.
 */
abstract class RemoveCommand extends ClientCommand {
  /**
   * What a subclass removes.
   *
   * @param collection the API's collection, e.g. {@code environments}
   * @param noun what people call one, e.g. {@code Environment}
   * @param done what happened to it, e.g. {@code removed}: the line's last word and the document's
   *     key
   */
  record Removal(String collection, String noun, String done) {}

  @Parameters(paramLabel = "NAME")
  String name;

  private final Removal removal;

  RemoveCommand(Removal removal) {
    this.removal = removal;
  }

  /** The request's query string; {@code ?force=true} for owned objects removed by force. */
  String query() {
    return "";
  }

  @Override
  final int run(ApiClient api, Output out) {
    api.delete(ApiClient.path(removal.collection(), name) + query());
    out.message(Map.of(removal.done(), name), removal.noun() + " " + name + " " + removal.done());
    return CliException.OK;
  }
}
