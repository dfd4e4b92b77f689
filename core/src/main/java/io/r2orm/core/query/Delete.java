package io.r2orm.core.query;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A delete of the rows of one entity's table that match a condition.
 *
 * @param entity the entity class
 * @param where the condition, or null for every row
 */
public record Delete(Class<?> entity, @Nullable Predicate where) {
  public Delete {
    Objects.requireNonNull(entity, "entity must not be null");
  }
}
