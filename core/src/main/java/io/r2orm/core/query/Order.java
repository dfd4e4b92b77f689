package io.r2orm.core.query;

import java.util.Objects;

/**
 * One sort key: an expression, a direction, and where NULLs go (the database default unless
 * chosen).
 *
 * @param expression what to sort by
 * @param direction ascending or descending
 * @param nulls where NULLs go
 */
public record Order(Expression expression, Direction direction, Nulls nulls) {
  public Order {
    Objects.requireNonNull(expression, "expression must not be null");
    Objects.requireNonNull(direction, "direction must not be null");
    Objects.requireNonNull(nulls, "nulls must not be null");
  }

  /** Sort direction. */
  public enum Direction {
    ASC,
    DESC
  }

  /** Placement of NULLs. */
  public enum Nulls {
    DEFAULT,
    FIRST,
    LAST
  }

  /** The same key with NULLs first. */
  public Order nullsFirst() {
    return new Order(expression, direction, Nulls.FIRST);
  }

  /** The same key with NULLs last. */
  public Order nullsLast() {
    return new Order(expression, direction, Nulls.LAST);
  }
}
