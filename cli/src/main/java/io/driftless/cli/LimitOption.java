package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.ItemPage;
import io.driftless.cli.client.ApiClient;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --limit N}: how many items a listing shows at most; each command picks its default. */
final class LimitOption {
  @Option(names = "--limit", description = "At most this many (default: ${DEFAULT-VALUE}).")
  int limit;

  LimitOption(int defaultLimit) {
    this.limit = defaultLimit;
  }

  /**
   * The first items of the listing at {@code path} narrowed by {@code filters}, as many as asked.
   */
  <T> List<T> read(
      ApiClient api, String path, Map<String, Object> filters, TypeReference<ItemPage<T>> type) {
    return Pages.upTo(api, path, filters, type, limit);
  }
}
