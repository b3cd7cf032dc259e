package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Parameters;

/**
 * Reads one named object with {@code GET} and shows it as fields: {@code env show}, {@code source
 * show}, {@code credential show}.
 */
abstract class ShowCommand<T> extends ClientCommand {
  @Parameters(paramLabel = "NAME")
  String name;

  private final String collection;
  private final TypeReference<T> type;

  /**
   * @param collection the API's collection, e.g. {@code environments}
   */
  ShowCommand(String collection, TypeReference<T> type) {
    this.collection = collection;
    this.type = type;
  }

  /** Puts the object's fields into {@code f} in the order they are shown. */
  abstract void fields(T item, Output out, Map<String, Object> f);

  @Override
  final int run(ApiClient api, Output out) {
    T item = api.get(ApiClient.path(collection, name), type);
    out.fields(
        item,
        () -> {
          Map<String, Object> f = new LinkedHashMap<>();
          fields(item, out, f);
          return f;
        });
    return CliException.OK;
  }
}
