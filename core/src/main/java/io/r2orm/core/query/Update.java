package io.r2orm.core.query;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An update of the rows of one entity's table that match a condition.
 *
 * @param entity the entity class
 * @param assignments what to write; at least one
 * @param where the condition, or null for every row
 */
public record Update(Class<?> entity, List<Assignment> assignments, @Nullable Predicate where) {
  public Update {
    Objects.requireNonNull(entity, "entity must not be null");
    assignments = List.copyOf(assignments);
    if (assignments.isEmpty()) {
      throw new IllegalArgumentException(
          "an update of " + entity.getSimpleName() + " needs at least one set(...)");
    }
  }
}
