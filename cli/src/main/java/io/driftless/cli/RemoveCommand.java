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
  @Parameters(paramLabel = "NAME")
  String name;

  private final String collection;
  private final String noun;
  private final String done;

  /**
   * @param collection the API's collection, e.g. {@code environments}
   * @param noun what people call one, e.g. {@code Environment}
   * @param done what happened to it, e.g. {@code removed}: the line's last word and the document's
   *     key
   */
  RemoveCommand(String collection, String noun, String done) {
    this.collection = collection;
    this.noun = noun;
    this.done = done;
  }

  @Override
  final int run(ApiClient api, Output out) {
    api.delete(ApiClient.path(collection, name));
    out.message(Map.of(done, name), noun + " " + name + " " + done);
    return CliException.OK;
  }
}
