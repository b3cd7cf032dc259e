package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.ItemPage;
import io.driftless.cli.client.ApiClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a cursor-paginated listing. */
final class Pages {
  private Pages() {}

  /** Every item, following {@code nextCursor} to the last page. */
  static <T> List<T> all(ApiClient api, String path, TypeReference<ItemPage<T>> type) {
    return upTo(api, path, type, Integer.MAX_VALUE);
  }

  /**
   * The first {@code limit} items (at least one) of a listing narrowed by {@code filters} (null
   * values left out), asked for in pages of at most 100.
   */
  static <T> List<T> upTo(
      ApiClient api,
      String path,
      Map<String, Object> filters,
      TypeReference<ItemPage<T>> type,
      int limit) {
    int max = Math.max(limit, 1);
    Map<String, Object> params = new LinkedHashMap<>(filters);
    params.put("limit", Math.min(max, 100));
    return upTo(api, path + ApiClient.query(params), type, max);
  }

  /** The first {@code max} items, following {@code nextCursor} as far as needed. */
  static <T> List<T> upTo(ApiClient api, String path, TypeReference<ItemPage<T>> type, int max) {
    List<T> items = new ArrayList<>();
    String cursor = null;
    String sep = path.contains("?") ? "&" : "?";
    do {
      String page =
          cursor == null
              ? path
              : path + sep + ApiClient.query(ApiClient.params("cursor", cursor)).substring(1);
      ItemPage<T> p = api.get(page, type);
      for (T item : p.items()) {
        if (items.size() < max) {
          items.add(item);
        }
      }
      cursor = p.nextCursor();
    } while (cursor != null && items.size() < max);
    return items;
  }
}
