package io.driftless.engine.port.query;

import io.driftless.engine.port.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a listing, with the cursor of the next page.
 *
 * @param nextCursor opaque; pass it back to read on, null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;

  public Page {
    items = List.copyOf(items);
  }

  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }

  /**
   * The page of {@code fetched}, which a listing reads with one row more than {@code limit} to know
   * whether a next page exists: its first {@code limit} rows, and the cursor of the last one shown
   * when there are more.
   */
  public static <T> Page<T> of(List<T> fetched, int limit, Function<? super T, String> cursor) {
    if (fetched.size() <= limit) {
      return new Page<>(fetched, null);
    }
    List<T> page = fetched.subList(0, limit);
    return new Page<>(page, cursor.apply(page.get(limit - 1)));
  }

  /** Clamps a requested page size: 0 or less means the default. */
  public static int limit(int requested) {
    if (requested <= 0) {
      return DEFAULT_LIMIT;
    }
    return Math.min(requested, MAX_LIMIT);
  }

  /**
   * The id a cursor names (the last row shown); none means from the newest. A cursor that is not a
   * positive number is an {@link InvalidInputException}.
   */
  public static long cursorId(String cursor) {
    if (cursor == null) {
      return Long.MAX_VALUE;
    }
    try {
      long id = Long.parseLong(cursor);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // fall through to the typed error
    }
    throw new InvalidInputException("invalid cursor: " + cursor, Map.of("cursor", cursor));
  }
}
