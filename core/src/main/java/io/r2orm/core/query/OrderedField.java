package io.r2orm.core.query;

/**
 * A field whose values have an order: the comparisons {@code <}, {@code <=}, {@code >}, {@code >=}
 * and {@code BETWEEN}, against a value (bound) or another field, written once for typed properties
 * ({@link ComparableProperty}) and computed values ({@link Computed}).
 *
 * @param <T> the Java type of the values
 */
public interface OrderedField<T> extends Field<T> {
  /** {@code < value}. */
  default Predicate lt(T value) {
    return compareWith(Predicate.Operator.LT, value);
  }

  /** {@code <= value}. */
  default Predicate le(T value) {
    return compareWith(Predicate.Operator.LE, value);
  }

  /** {@code > value}. */
  default Predicate gt(T value) {
    return compareWith(Predicate.Operator.GT, value);
  }

  /** {@code >= value}. */
  default Predicate ge(T value) {
    return compareWith(Predicate.Operator.GE, value);
  }

  /** {@code < other}. */
  default Predicate lt(Field<T> other) {
    return new Predicate.Comparison(expression(), Predicate.Operator.LT, other.expression());
  }

  /** {@code <= other}. */
  default Predicate le(Field<T> other) {
    return new Predicate.Comparison(expression(), Predicate.Operator.LE, other.expression());
  }

  /** {@code > other}. */
  default Predicate gt(Field<T> other) {
    return new Predicate.Comparison(expression(), Predicate.Operator.GT, other.expression());
  }

  /** {@code >= other}. */
  default Predicate ge(Field<T> other) {
    return new Predicate.Comparison(expression(), Predicate.Operator.GE, other.expression());
  }

  /** {@code BETWEEN low AND high}, both ends included. */
  default Predicate between(T low, T high) {
    return new Predicate.Between(
        expression(), new Value(requireComparable(low)), new Value(requireComparable(high)));
  }

  private Predicate compareWith(Predicate.Operator op, T value) {
    return new Predicate.Comparison(expression(), op, new Value(requireComparable(value)));
  }

  private T requireComparable(T value) {
    if (value == null) {
      throw new IllegalArgumentException(
          "comparing " + this + " with null is never true in SQL; use isNull() or isNotNull()");
    }
    return value;
  }
}
