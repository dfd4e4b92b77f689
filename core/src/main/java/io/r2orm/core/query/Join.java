package io.r2orm.core.query;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One joined table of a {@link Subquery}: on a declared relation (the condition comes from the
 * metadata) or on an explicit condition.
 *
 * @param type inner or left outer
 * @param table the joined table
 * @param on the explicit condition, or null for a relation join
 * @param relation the relation followed, or null for a join on a condition
 */
public record Join(
    Type type, TableRef<?> table, @Nullable Predicate on, @Nullable Relation<?, ?> relation) {
  public Join {
    Objects.requireNonNull(type, "type must not be null");
    Objects.requireNonNull(table, "table must not be null");
    if ((on == null) == (relation == null)) {
      throw new IllegalArgumentException("a join has either a condition or a relation");
    }
    if (relation != null && relation.target() != table.entity()) {
      throw new IllegalArgumentException(
          "the relation "
              + relation.owner().getSimpleName()
              + "."
              + relation.name()
              + " leads to "
              + relation.target().getSimpleName()
              + ", not to "
              + table.entity().getSimpleName());
    }
  }

  /** The kinds of join. */
  public enum Type {
    INNER,
    LEFT
  }
}
