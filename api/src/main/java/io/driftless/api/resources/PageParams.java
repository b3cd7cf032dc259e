package io.driftless.api.resources;

import io.driftless.api.model.InvalidFieldException;
import jakarta.ws.rs.QueryParam;

/** The {@code cursor} and {@code limit} query parameters that every list endpoint takes. */
public final class PageParams {
  @QueryParam("cursor")
  String cursor;

  @QueryParam("limit")
  String limit;

  /** The cursor the previous page gave; null for the first page. */
  String cursor() {
    return Params.text(cursor);
  }

  /**
   * How many items a page, 0 for the store's default.
   *
   * @throws InvalidFieldException when it is not a positive number
   */
  int limit() {
    return Params.limit(limit);
  }
}
