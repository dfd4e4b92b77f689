package io.r2orm.core.query;

import java.util.List;
import java.util.Objects;

/**
 * An insert of one or more rows into one entity's table.
 *
 * @param entity the entity class
 * @param properties the property paths written, in order
 * @param rows the values, one list per row, each in property order (Java values, converted when
 *     rendered)
 * @param returning property paths whose stored values are returned (e.g. a generated id), possibly
 *     empty
 */
public record Insert(
    Class<?> entity, List<String> properties, List<List<Object>> rows, List<String> returning) {
  public Insert {
    Objects.requireNonNull(entity, "entity must not be null");
    properties = List.copyOf(properties);
    rows =
        rows.stream()
            .map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r)))
            .toList();
    returning = List.copyOf(returning);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("an insert needs at least one row");
    }
    for (List<Object> row : rows) {
      if (row.size() != properties.size()) {
        throw new IllegalArgumentException(
            "every row needs "
                + properties.size()
                + " values, one per property, got "
                + row.size());
      }
    }
  }
}
