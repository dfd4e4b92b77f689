package io.r2orm.core.query;

import java.util.Collection;
import java.util.List;

/**
 * A property named by a string at run time, for dynamic queries. The escape hatch beside the typed
 * metamodel: nothing is checked by the compiler, but the name is checked against the entity's
 * metadata when the query is rendered, and values are still binds. Immutable.
 *
 * @param path the property path
 */
public record DynamicProperty(String path) {
  public DynamicProperty {
    ref(path);
  }

  private static PropertyRef ref(String path) {
    return new PropertyRef(null, path);
  }

  /** The query-tree node. */
  public PropertyRef ref() {
    return ref(path);
  }

  public Predicate eq(Object value) {
    return value == null ? isNull() : compare(Predicate.Operator.EQ, value);
  }

  public Predicate ne(Object value) {
    return value == null ? isNotNull() : compare(Predicate.Operator.NE, value);
  }

  public Predicate lt(Object value) {
    return compare(Predicate.Operator.LT, value);
  }

  public Predicate le(Object value) {
    return compare(Predicate.Operator.LE, value);
  }

  public Predicate gt(Object value) {
    return compare(Predicate.Operator.GT, value);
  }

  public Predicate ge(Object value) {
    return compare(Predicate.Operator.GE, value);
  }

  public Predicate between(Object low, Object high) {
    return new Predicate.Between(ref(), new Value(low), new Value(high));
  }

  public Predicate in(Collection<?> values) {
    return new Predicate.InList(ref(), List.copyOf(values), false);
  }

  public Predicate in(Subquery subquery) {
    return new Predicate.InQuery(ref(), subquery, false);
  }

  public Predicate notIn(Collection<?> values) {
    return new Predicate.InList(ref(), List.copyOf(values), true);
  }

  public Predicate isNull() {
    return new Predicate.NullCheck(ref(), false);
  }

  public Predicate isNotNull() {
    return new Predicate.NullCheck(ref(), true);
  }

  public Predicate like(String pattern) {
    return new Predicate.Like(ref(), pattern, false, false);
  }

  public Predicate likeIgnoreCase(String pattern) {
    return new Predicate.Like(ref(), pattern, true, false);
  }

  public Order asc() {
    return new Order(ref(), Order.Direction.ASC, Order.Nulls.DEFAULT);
  }

  public Order desc() {
    return new Order(ref(), Order.Direction.DESC, Order.Nulls.DEFAULT);
  }

  private Predicate compare(Predicate.Operator op, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(
          "comparing " + path + " with null is never true in SQL; use isNull()");
    }
    return new Predicate.Comparison(ref(), op, new Value(value));
  }
}
