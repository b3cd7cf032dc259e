package io.driftless.storage.jdbi;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The optional conditions of a filtered listing, each written once with the value it binds: a
 * condition whose value is null (a filter not asked for) is left out of the SQL and the bindings.
 */
final class Filters {
  private final StringBuilder sql = new StringBuilder();
  private final Map<String, Object> values = new HashMap<>();

  /** Adds {@code AND condition}, binding {@code :name} to {@code value}; nothing when null. */
  Filters and(String condition, String name, Object value) {
    if (value != null) {
      sql.append(" AND ").append(condition);
      values.put(name, value);
    }
    return this;
  }

  /** As {@link #and(String, String, Object)}, binding {@code value} in its column's form. */
  <T> Filters and(String condition, String name, T value, Function<T, Object> column) {
    return and(condition, name, value == null ? null : column.apply(value));
  }

  /** The conditions asked for, each as {@code " AND ..."}. */
  String sql() {
    return sql.toString();
  }

  /** The values they bind, by name. */
  Map<String, Object> values() {
    return values;
  }
}
