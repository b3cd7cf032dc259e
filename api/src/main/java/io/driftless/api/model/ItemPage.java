package io.driftless.api.model;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing.
 *
 * @param nextCursor pass it back as {@code ?cursor=} to read on; null on the last page
 */
public record ItemPage<T>(List<T> items, String nextCursor) {
  public ItemPage {
    items = List.copyOf(items);
  }

  public static <S, T> ItemPage<T> of(
      io.driftless.engine.port.query.Page<S> page, Function<S, T> map) {
    return new ItemPage<>(page.items().stream().map(map).toList(), page.nextCursor());
  }
}
