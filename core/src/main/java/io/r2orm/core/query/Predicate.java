package io.r2orm.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A condition of the query tree. Immutable; combine with {@link #and}, {@link #or} and {@link
 * #not}. Sealed so that a renderer handles every kind.
 *
 * <pre>{@code
 * Predicate p = Book_.TITLE.startsWith("Dune").and(Book_.YEAR.gt(1960).or(Book_.YEAR.isNull()));
 * }</pre>
 */
public sealed interface Predicate
    permits Predicate.Comparison,
        Predicate.Between,
        Predicate.InList,
        Predicate.NullCheck,
        Predicate.Like,
        Predicate.InQuery,
        Predicate.Exists,
        Predicate.And,
        Predicate.Or,
        Predicate.Not,
        Predicate.ArrayTest {

  /**
   * Calls the visitor's method for this kind of condition; a renderer written as a {@link Visitor}
   * handles every kind, or does not compile.
   */
  <R> R accept(Visitor<R> visitor);

  /** One method per kind of condition. */
  interface Visitor<R> {
    R comparison(Comparison p);

    R between(Between p);

    R inList(InList p);

    R nullCheck(NullCheck p);

    R like(Like p);

    R inQuery(InQuery p);

    R exists(Exists p);

    R and(And p);

    R or(Or p);

    R not(Not p);

    R arrayTest(ArrayTest p);
  }

  /** This and the other condition. */
  default Predicate and(Predicate other) {
    Objects.requireNonNull(other, "other must not be null");
    List<Predicate> parts = new ArrayList<>();
    if (this instanceof And a) parts.addAll(a.parts());
    else parts.add(this);
    if (other instanceof And a) parts.addAll(a.parts());
    else parts.add(other);
    return new And(parts);
  }

  /** This or the other condition. */
  default Predicate or(Predicate other) {
    Objects.requireNonNull(other, "other must not be null");
    List<Predicate> parts = new ArrayList<>();
    if (this instanceof Or o) parts.addAll(o.parts());
    else parts.add(this);
    if (other instanceof Or o) parts.addAll(o.parts());
    else parts.add(other);
    return new Or(parts);
  }

  /** The negation of this condition. */
  default Predicate not() {
    return new Not(this);
  }

  /** Every one of the conditions (true when there are none). */
  static Predicate all(List<Predicate> parts) {
    return new And(parts);
  }

  /** Any one of the conditions (false when there are none). */
  static Predicate any(List<Predicate> parts) {
    return new Or(parts);
  }

  /**
   * {@code EXISTS (SELECT …)}: the subquery returns at least one row (it may refer to the outer
   * query's tables).
   */
  static Predicate exists(Subquery subquery) {
    return new Exists(subquery, false);
  }

  /** {@code NOT EXISTS (SELECT …)}. */
  static Predicate notExists(Subquery subquery) {
    return new Exists(subquery, true);
  }

  /** The comparison operators. */
  enum Operator {
    EQ("="),
    NE("<>"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String sql;

    Operator(String sql) {
      this.sql = sql;
    }

    /** The SQL token. */
    public String sql() {
      return sql;
    }
  }

  /** {@code left op right}. */
  record Comparison(Expression left, Operator operator, Expression right) implements Predicate {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.comparison(this);
    }

    public Comparison {
      Objects.requireNonNull(left, "left must not be null");
      Objects.requireNonNull(operator, "operator must not be null");
      Objects.requireNonNull(right, "right must not be null");
    }
  }

  /** {@code operand BETWEEN low AND high} (inclusive). */
  record Between(Expression operand, Expression low, Expression high) implements Predicate {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.between(this);
    }

    public Between {
      Objects.requireNonNull(operand, "operand must not be null");
      Objects.requireNonNull(low, "low must not be null");
      Objects.requireNonNull(high, "high must not be null");
    }
  }

  /**
   * {@code operand IN (values)} or, negated, {@code NOT IN}. An empty list matches nothing (and,
   * negated, everything).
   */
  record InList(Expression operand, List<Object> values, boolean negated) implements Predicate {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.inList(this);
    }

    public InList {
      Objects.requireNonNull(operand, "operand must not be null");
      Objects.requireNonNull(values, "values must not be null");
      for (Object v : values) {
        Objects.requireNonNull(v, "values must not contain null; use isNull() for NULL");
      }
      values = List.copyOf(values);
    }
  }

  /** {@code operand IS NULL} or, negated, {@code IS NOT NULL}. */
  record NullCheck(Expression operand, boolean negated) implements Predicate {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.nullCheck(this);
    }

    public NullCheck {
      Objects.requireNonNull(operand, "operand must not be null");
    }
  }

  /**
   * {@code operand LIKE pattern}, the pattern a bind; {@code %} and {@code _} are wildcards and
   * backslash escapes them (see {@link Like#escape(String)}).
   */
  record Like(Expression operand, String pattern, boolean ignoreCase, boolean negated)
      implements Predicate {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.like(this);
    }

    public Like {
      Objects.requireNonNull(operand, "operand must not be null");
      Objects.requireNonNull(pattern, "pattern must not be null");
    }

    /** Escapes {@code %}, {@code _} and {@code \} so that user input matches literally. */
    public static String escape(String text) {
      StringBuilder out = new StringBuilder(text.length() + 4);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '%' || c == '_' || c == '\\') {
          out.append('\\');
        }
        out.append(c);
      }
      return out.toString();
    }
  }

  /** {@code operand IN (SELECT …)} or, negated, {@code NOT IN}; the subquery selects one column. */
  record InQuery(Expression operand, Subquery query, boolean negated) implements Predicate {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.inQuery(this);
    }

    public InQuery {
      Objects.requireNonNull(operand, "operand must not be null");
      Objects.requireNonNull(query, "query must not be null");
      if (query.items().size() != 1 || !(query.items().get(0) instanceof SelectItem.Column)) {
        throw new IllegalArgumentException("the subquery of IN selects exactly one column");
      }
    }
  }

  /** {@code EXISTS (SELECT …)} or, negated, {@code NOT EXISTS}. */
  record Exists(Subquery query, boolean negated) implements Predicate {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.exists(this);
    }

    public Exists {
      Objects.requireNonNull(query, "query must not be null");
    }
  }

  /** All parts hold. */
  record And(List<Predicate> parts) implements Predicate {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.and(this);
    }

    public And {
      parts = List.copyOf(parts);
    }
  }

  /** At least one part holds. */
  record Or(List<Predicate> parts) implements Predicate {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.or(this);
    }

    public Or {
      parts = List.copyOf(parts);
    }
  }

  /** The part does not hold. */
  record Not(Predicate part) implements Predicate {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.not(this);
    }

    public Not {
      Objects.requireNonNull(part, "part must not be null");
    }
  }

  /** What an {@link ArrayTest} asks of an array column. */
  enum ArrayOperator {
    /** Every one of the values is an element. */
    CONTAINS_ALL,
    /** At least one of the values is an element. */
    OVERLAPS,
    /** The one value is an element. */
    HAS
  }

  /**
   * A test on the elements of an array column (see {@link ArrayProperty}); values are non-null
   * elements.
   */
  record ArrayTest(Expression operand, ArrayOperator operator, List<Object> values)
      implements Predicate {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.arrayTest(this);
    }

    public ArrayTest {
      Objects.requireNonNull(operand, "operand must not be null");
      Objects.requireNonNull(operator, "operator must not be null");
      values = List.copyOf(values);
    }
  }
}
