package io.driftless.cli;

import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import io.driftless.cli.output.Table;
import java.util.List;

/**
 * Reads a listing and shows it as a table, one row an item: {@code env list}, {@code source list},
 * {@code credential list}, {@code token list}, {@code runs}, {@code audit}.
 */
abstract class ListCommand<T> extends ClientCommand {
  private final String[] headers;

  /**
   * @param headers the table's columns, in the order {@link #row} gives the cells
   */
  ListCommand(String... headers) {
    this.headers = headers;
  }

  /** The items to show, read with this command's filters. */
  abstract List<T> items(ApiClient api);

  /** One item's cells, one a column. */
  abstract Object[] row(T item, Output out);

  @Override
  final int run(ApiClient api, Output out) {
    out.rows(items(api), Table.of(headers), item -> row(item, out));
    return CliException.OK;
  }
}
