package io.r2orm.core.query;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one relation of a fetch plan is loaded: a condition and an order on the related rows, at most
 * {@code limit} of them per parent, and the strategy.
 *
 * @param where a condition on the related entity, or null
 * @param orderBy the order of the related rows; empty means the relation's declared order
 * @param limit at most this many related rows per parent (top-N), or null for all
 * @param strategy batched select-in (the default) or a join (to-one only)
 */
public record FetchOptions(
    @Nullable Predicate where, List<Order> orderBy, @Nullable Integer limit, Strategy strategy) {
  public static final FetchOptions DEFAULT =
      new FetchOptions(null, List.of(), null, Strategy.SELECT_IN);

  public FetchOptions {
    orderBy = List.copyOf(orderBy);
    Objects.requireNonNull(strategy, "strategy must not be null");
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
  }

  /** How a relation is loaded. */
  public enum Strategy {
    /** One query per relation per window of parents, {@code WHERE key = ANY($1)}. */
    SELECT_IN,
    /** The related row is joined into the parent query (to-one relations only). */
    JOIN
  }
}
