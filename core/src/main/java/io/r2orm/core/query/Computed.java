package io.r2orm.core.query;

import java.util.Objects;

/**
 * A field computed by SQL: a function, an aggregate, arithmetic, a {@code CASE}, a cast or a scalar
 * subquery. Made by {@link Functions} and by the arithmetic of {@link Field}; adds range and
 * pattern conditions, so that {@code count().gt(5L)} or {@code lower(Artist_.NAME).like("a%")} read
 * as they would in SQL. Immutable.
 *
 * @param expression the query-tree node
 * @param type the Java type its value is read as
 * @param <T> the Java type
 */
public record Computed<T>(Expression expression, Class<T> type) implements OrderedField<T> {
  public Computed {
    Objects.requireNonNull(expression, "expression must not be null");
    Objects.requireNonNull(type, "type must not be null");
  }

  /**
   * This aggregate computed over a window instead of a group, e.g. a running total {@code
   * sum(Track_.MILLIS).over(Window.partitionBy(Track_.ALBUM_ID).thenOrderBy(Track_.ID.asc()))}.
   *
   * @throws IllegalArgumentException when this is not an aggregate
   */
  public Computed<T> over(WindowCall.Window window) {
    if (!(expression instanceof Aggregate aggregate)) {
      throw new IllegalArgumentException(
          "over(...) applies to an aggregate (count, sum, avg, min, max); "
              + "use rowNumber(), rank(), denseRank(), lag(...) or lead(...) for the other window functions");
    }
    return new Computed<>(new WindowCall(null, aggregate, null, 0, window), type);
  }

  /** {@code LIKE pattern} ({@code %} and {@code _} wildcards, backslash escapes). */
  public Predicate like(String pattern) {
    return new Predicate.Like(
        expression, Objects.requireNonNull(pattern, "pattern must not be null"), false, false);
  }

  /**
   * The same value read as another Java type, without SQL conversion (e.g. a wider number type).
   */
  public <R> Computed<R> as(Class<R> javaType) {
    return new Computed<>(expression, javaType);
  }

  @Override
  public String toString() {
    return "Computed[" + type.getSimpleName() + "]";
  }
}
