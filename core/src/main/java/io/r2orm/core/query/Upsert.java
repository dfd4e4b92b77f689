package io.r2orm.core.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Insert-or-update of rows of one entity on a conflict target (a unique key). On conflict the
 * written columns other than the key and the id are updated; a versioned entity's row is updated
 * only when its stored version is the one the entity was read with (the rows carry that version
 * plus one, which is what a new row gets and what an updated row becomes).
 *
 * @param entity the entity class
 * @param properties the property paths written, in order; they include the conflict target
 * @param rows the Java values, one list per row, in property order
 * @param conflictTarget the property paths of the unique key that decides insert or update
 * @param onConflictUpdate the written properties an existing row gets (the id, the key and the
 *     version are never among them); empty: an existing row is left as it is ({@code DO NOTHING})
 *     and only the rows inserted are returned
 */
public record Upsert(
    Class<?> entity,
    List<String> properties,
    List<List<Object>> rows,
    List<String> conflictTarget,
    List<String> onConflictUpdate) {
  /** Updates every written property of an existing row but its key. */
  public Upsert(
      Class<?> entity,
      List<String> properties,
      List<List<Object>> rows,
      List<String> conflictTarget) {
    this(
        entity,
        properties,
        rows,
        conflictTarget,
        properties.stream().filter(p -> !conflictTarget.contains(p)).toList());
  }

  public Upsert {
    Objects.requireNonNull(entity, "entity must not be null");
    properties = List.copyOf(properties);
    conflictTarget = List.copyOf(conflictTarget);
    onConflictUpdate = List.copyOf(onConflictUpdate);
    if (!properties.containsAll(onConflictUpdate)) {
      throw new IllegalArgumentException(
          "the properties updated on a conflict "
              + onConflictUpdate
              + " must be among the written properties "
              + properties);
    }
    rows = rows.stream().map(r -> Collections.unmodifiableList(new ArrayList<>(r))).toList();
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("an upsert needs at least one row");
    }
    if (conflictTarget.isEmpty() || !properties.containsAll(conflictTarget)) {
      throw new IllegalArgumentException(
          "the conflict target "
              + conflictTarget
              + " must be among the written properties "
              + properties);
    }
    for (List<Object> row : rows) {
      if (row.size() != properties.size()) {
        throw new IllegalArgumentException(
            "every row needs " + properties.size() + " values, got " + row.size());
      }
    }
  }
}
