package io.r2orm.core.query;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A typed value of a query: a property ({@code Book_.TITLE}), or something computed from properties
 * and values ({@code Functions.lower(Book_.TITLE)}, {@code Book_.PRICE.times(2)}, {@code
 * Functions.count()}). Fields can be selected, compared, sorted by and grouped by; values given to
 * them are always binds.
 *
 * @param <T> the Java type of the value
 */
public interface Field<T> extends Selectable<T> {

  /** The query-tree node. */
  Expression expression();

  /** The Java type a selected value is read as. */
  Class<T> type();

  @Override
  default SelectItem selectItem() {
    return new SelectItem.Column(expression(), type());
  }

  /** {@code = value}; a null value means {@code IS NULL}. */
  default Predicate eq(T value) {
    return value == null
        ? isNull()
        : new Predicate.Comparison(expression(), Predicate.Operator.EQ, new Value(value));
  }

  /** {@code = other}. */
  default Predicate eq(Field<T> other) {
    return new Predicate.Comparison(
        expression(), Predicate.Operator.EQ, Objects.requireNonNull(other, "other").expression());
  }

  /** {@code <> value}; a null value means {@code IS NOT NULL}. */
  default Predicate ne(T value) {
    return value == null
        ? isNotNull()
        : new Predicate.Comparison(expression(), Predicate.Operator.NE, new Value(value));
  }

  /** {@code <> other}. */
  default Predicate ne(Field<T> other) {
    return new Predicate.Comparison(
        expression(), Predicate.Operator.NE, Objects.requireNonNull(other, "other").expression());
  }

  /** {@code IN (values)}; an empty collection matches nothing. */
  default Predicate in(Collection<? extends T> values) {
    return new Predicate.InList(expression(), List.copyOf(values), false);
  }

  /** {@code IN (SELECT …)}: the subquery selects one column. */
  default Predicate in(Subquery subquery) {
    return new Predicate.InQuery(expression(), subquery, false);
  }

  /** {@code NOT IN (values)}; an empty collection matches every row. */
  default Predicate notIn(Collection<? extends T> values) {
    return new Predicate.InList(expression(), List.copyOf(values), true);
  }

  /**
   * {@code NOT IN (SELECT …)}. Beware SQL's rule: when the subquery yields a NULL, no row matches;
   * select a non-null column or use {@link Predicate#notExists(Subquery)}.
   */
  default Predicate notIn(Subquery subquery) {
    return new Predicate.InQuery(expression(), subquery, true);
  }

  /** {@code IS NULL}. */
  default Predicate isNull() {
    return new Predicate.NullCheck(expression(), false);
  }

  /** {@code IS NOT NULL}. */
  default Predicate isNotNull() {
    return new Predicate.NullCheck(expression(), true);
  }

  /** Ascending sort key. */
  default Order asc() {
    return new Order(expression(), Order.Direction.ASC, Order.Nulls.DEFAULT);
  }

  /** Descending sort key. */
  default Order desc() {
    return new Order(expression(), Order.Direction.DESC, Order.Nulls.DEFAULT);
  }

  /** {@code this + operand}; the operand is a value (bound) or another field. */
  default Computed<T> plus(Object operand) {
    return arithmetic(Arithmetic.Operator.ADD, operand);
  }

  /** {@code this - operand}. */
  default Computed<T> minus(Object operand) {
    return arithmetic(Arithmetic.Operator.SUBTRACT, operand);
  }

  /** {@code this * operand}, e.g. {@code Book_.PRICE.times(new BigDecimal("1.1"))}. */
  default Computed<T> times(Object operand) {
    return arithmetic(Arithmetic.Operator.MULTIPLY, operand);
  }

  /** {@code this / operand} (integer division when both sides are integers, as in SQL). */
  default Computed<T> dividedBy(Object operand) {
    return arithmetic(Arithmetic.Operator.DIVIDE, operand);
  }

  private Computed<T> arithmetic(Arithmetic.Operator operator, Object operand) {
    return new Computed<>(
        new Arithmetic(expression(), operator, Functions.expressionOf(operand)), type());
  }
}
