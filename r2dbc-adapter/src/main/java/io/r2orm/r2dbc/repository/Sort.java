package io.r2orm.r2dbc.repository;

import io.r2orm.core.query.Order;
import io.r2orm.core.query.Property;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The order of a repository read: a list of {@link Order} sort keys, typed ({@code
 * Sort.by(Book_.YEAR.desc(), Book_.TITLE.asc())}) or named at run time ({@code Sort.desc("year")}).
 * Names are checked against the entity when the query runs; an unknown one fails with the known
 * properties and never reaches the SQL. Immutable.
 *
 * @param orders the sort keys, first key first; empty means unsorted
 */
public record Sort(List<Order> orders) {
  private static final Sort UNSORTED = new Sort(List.of());

  public Sort {
    Objects.requireNonNull(orders, "orders must not be null");
    orders = List.copyOf(orders);
  }

  /** No order. */
  public static Sort unsorted() {
    return UNSORTED;
  }

  /** These sort keys, in this order. */
  public static Sort by(Order... orders) {
    return new Sort(Arrays.asList(orders));
  }

  /** Ascending by these properties (paths such as {@code title} or {@code address.city}). */
  public static Sort asc(String... properties) {
    return named(properties, false);
  }

  /** Descending by these properties. */
  public static Sort desc(String... properties) {
    return named(properties, true);
  }

  private static Sort named(String[] properties, boolean descending) {
    List<Order> keys = new ArrayList<>(properties.length);
    for (String p : properties) {
      Objects.requireNonNull(p, "properties must not contain null");
      keys.add(descending ? Property.named(p).desc() : Property.named(p).asc());
    }
    return new Sort(keys);
  }

  /** This order, then the other one for ties. */
  public Sort and(Sort other) {
    Objects.requireNonNull(other, "other must not be null");
    List<Order> all = new ArrayList<>(orders);
    all.addAll(other.orders);
    return new Sort(all);
  }

  /** Whether there is at least one sort key. */
  public boolean isSorted() {
    return !orders.isEmpty();
  }
}
