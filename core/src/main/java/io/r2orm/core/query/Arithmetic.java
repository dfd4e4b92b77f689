package io.r2orm.core.query;

import java.util.Objects;

/**
 * {@code left op right}, e.g. {@code version + 1} or {@code price * 1.1}.
 *
 * @param left the left operand
 * @param operator the operator
 * @param right the right operand
 */
public record Arithmetic(Expression left, Operator operator, Expression right)
    implements Expression {
  @Override
  public <R> R accept(Expression.Visitor<R> visitor) {
    return visitor.arithmetic(this);
  }

  public Arithmetic {
    Objects.requireNonNull(left, "left must not be null");
    Objects.requireNonNull(operator, "operator must not be null");
    Objects.requireNonNull(right, "right must not be null");
  }

  /** The arithmetic operators. */
  public enum Operator {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/");

    private final String sql;

    Operator(String sql) {
      this.sql = sql;
    }

    /** The SQL token. */
    public String sql() {
      return sql;
    }
  }
}
