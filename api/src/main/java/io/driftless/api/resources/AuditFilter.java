package io.driftless.api.resources;

import io.driftless.api.model.InvalidFieldException;
import io.driftless.engine.port.query.AuditQuery;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;

/**
 * The filters of {@code GET /api/v1/audit}, which combine: {@code environment} is short for {@code
 * objectType=environment&object=NAME}; {@code since} (inclusive) and {@code until} (exclusive)
 * bound the time.
 */
public final class AuditFilter {
  @QueryParam("environment")
  String environment;

  @QueryParam("actor")
  String actor;

  @QueryParam("action")
  String action;

  @QueryParam("objectType")
  String objectType;

  @QueryParam("object")
  String object;

  @QueryParam("since")
  String since;

  @QueryParam("until")
  String until;

  /**
   * The store's query for these filters and {@code page}.
   *
   * @throws InvalidFieldException naming the field that is malformed or cannot be combined
   */
  AuditQuery query(PageParams page) {
    String type = Params.text(objectType);
    String name = Params.text(object);
    if (Params.text(environment) != null) {
      if ((type != null && !type.equals("environment"))
          || (name != null && !name.equals(environment.trim()))) {
        throw new InvalidFieldException(
            "environment", "environment cannot be combined with another objectType or object");
      }
      type = "environment";
      name = Params.environment(environment.trim()).value();
    }
    Instant from = Params.instant("since", since);
    Instant to = Params.instant("until", until);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new InvalidFieldException("until", "until must be after since");
    }
    return new AuditQuery(
        Params.text(actor), Params.text(action), type, name, from, to, page.cursor(), page.limit());
  }
}
