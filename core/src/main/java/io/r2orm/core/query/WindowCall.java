package io.r2orm.core.query;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A window function evaluated over a window of rows: {@code ROW_NUMBER() OVER (PARTITION BY … ORDER
 * BY …)}, a ranking, {@code LAG}/{@code LEAD}, or an aggregate over a window. Made by {@link
 * Functions#rowNumber()}, {@link Functions#lag(Field)} and friends, and {@link
 * Computed#over(Window)} for aggregates.
 *
 * @param function the ranking or offset function, or null when {@code aggregate} is set
 * @param aggregate the aggregate computed over the window, or null
 * @param argument the value {@code LAG}/{@code LEAD} read, or null
 * @param offset how many rows back or ahead {@code LAG}/{@code LEAD} read (1 by default)
 * @param window the partition and order
 */
public record WindowCall(
    @Nullable Function function,
    @Nullable Aggregate aggregate,
    @Nullable Expression argument,
    int offset,
    Window window)
    implements Expression {
  @Override
  public <R> R accept(Expression.Visitor<R> visitor) {
    return visitor.windowCall(this);
  }

  public WindowCall {
    Objects.requireNonNull(window, "window must not be null");
    if ((function == null) == (aggregate == null)) {
      throw new IllegalArgumentException(
          "a window call is either a window function or an aggregate");
    }
    if ((function == Function.LAG || function == Function.LEAD)
        && (argument == null || offset < 1)) {
      throw new IllegalArgumentException(
          function + " needs a value to read and an offset of at least 1, got " + offset);
    }
  }

  /** The window functions that are not aggregates. */
  public enum Function {
    ROW_NUMBER,
    RANK,
    DENSE_RANK,
    LAG,
    LEAD
  }

  /**
   * The rows a window function sees: {@code PARTITION BY} keys and an {@code ORDER BY} within each
   * partition. Immutable; start from {@link #partitionBy(Field...)} or {@link #orderBy(Order...)}.
   *
   * @param partitionBy the partition keys, possibly empty (one partition of every row)
   * @param orderBy the order within a partition, possibly empty
   */
  public record Window(List<Expression> partitionBy, List<Order> orderBy) {
    public Window {
      partitionBy = List.copyOf(partitionBy);
      orderBy = List.copyOf(orderBy);
    }

    /** Rows with equal values of these fields form one partition. */
    public static Window partitionBy(Field<?>... fields) {
      return new Window(
          List.of(fields).stream()
              .map(f -> Objects.requireNonNull(f, "field").expression())
              .toList(),
          List.of());
    }

    /** One partition of every row, in this order. */
    public static Window orderBy(Order... orders) {
      return new Window(List.of(), List.of(orders));
    }

    /** This window, ordered within each partition. */
    public Window thenOrderBy(Order... orders) {
      return new Window(partitionBy, List.of(orders));
    }
  }
}
