package io.r2orm.core.query;

import org.jspecify.annotations.Nullable;

/**
 * A property whose values are ordered, adding range conditions to {@link Property}.
 *
 * @param <E> the entity type
 * @param <T> the value type
 */
public class ComparableProperty<E, T extends Comparable<? super T>> extends Property<E, T> {

  protected ComparableProperty(Class<E> entity, String path, Class<T> type) {
    super(entity, path, type);
  }

  /** A property qualified by a table alias (see {@link TableRef#get}). */
  protected ComparableProperty(
      Class<E> entity, String path, Class<T> type, @Nullable String alias) {
    super(entity, path, type, alias);
  }

  /** {@code < other}. */
  public Predicate lt(Field<T> other) {
    return new Predicate.Comparison(ref(), Predicate.Operator.LT, other.expression());
  }

  /** {@code <= other}. */
  public Predicate le(Field<T> other) {
    return new Predicate.Comparison(ref(), Predicate.Operator.LE, other.expression());
  }

  /** {@code > other}. */
  public Predicate gt(Field<T> other) {
    return new Predicate.Comparison(ref(), Predicate.Operator.GT, other.expression());
  }

  /** {@code >= other}. */
  public Predicate ge(Field<T> other) {
    return new Predicate.Comparison(ref(), Predicate.Operator.GE, other.expression());
  }

  /** {@code < value}. */
  public Predicate lt(T value) {
    return compare(Predicate.Operator.LT, value);
  }

  /** {@code <= value}. */
  public Predicate le(T value) {
    return compare(Predicate.Operator.LE, value);
  }

  /** {@code > value}. */
  public Predicate gt(T value) {
    return compare(Predicate.Operator.GT, value);
  }

  /** {@code >= value}. */
  public Predicate ge(T value) {
    return compare(Predicate.Operator.GE, value);
  }

  /** {@code BETWEEN low AND high}, both ends included. */
  public Predicate between(T low, T high) {
    return new Predicate.Between(
        ref(), new Value(requireValue(low)), new Value(requireValue(high)));
  }

  private Predicate compare(Predicate.Operator op, T value) {
    return new Predicate.Comparison(ref(), op, new Value(requireValue(value)));
  }

  private T requireValue(T value) {
    if (value == null) {
      throw new IllegalArgumentException(
          "comparing " + this + " with null is never true in SQL; use isNull() or isNotNull()");
    }
    return value;
  }
}
