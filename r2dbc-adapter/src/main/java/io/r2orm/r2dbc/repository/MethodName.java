package io.r2orm.r2dbc.repository;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A derived query method name taken apart: what it does, at most how many rows, the conditions (a
 * disjunction of conjunctions, as {@code Or} binds weaker than {@code And}) and the order.
 *
 * @param subject find, count, exists or delete
 * @param limit the {@code First}/{@code Top} row limit, or null
 * @param criteria the {@code Or}-separated groups of {@code And}-ed conditions; empty for none
 * @param order the {@code OrderBy} keys
 */
record MethodName(
    Subject subject, @Nullable Integer limit, List<List<Criterion>> criteria, List<SortKey> order) {
  MethodName {
    Objects.requireNonNull(subject, "subject must not be null");
    criteria = criteria.stream().map(List::copyOf).toList();
    order = List.copyOf(order);
  }

  /** What the method does. */
  enum Subject {
    FIND,
    COUNT,
    EXISTS,
    DELETE
  }

  /**
   * One condition on a property.
   *
   * @param property the property path, e.g. {@code title} or {@code home.city}
   * @param operator the comparison
   * @param ignoreCase whether {@code IgnoreCase} followed
   */
  record Criterion(String property, Operator operator, boolean ignoreCase) {}

  /**
   * One {@code OrderBy} key.
   *
   * @param property the property path
   * @param descending whether {@code Desc} followed
   */
  record SortKey(String property, boolean descending) {}

  /** Every condition, in the order of the name (and so of the method parameters). */
  List<Criterion> allCriteria() {
    return criteria.stream().flatMap(List::stream).toList();
  }

  /** The number of value parameters the conditions take. */
  int arguments() {
    return allCriteria().stream().mapToInt(c -> c.operator().arguments()).sum();
  }
}
