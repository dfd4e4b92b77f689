package io.r2orm.core.query;

import io.r2orm.core.convert.SqlType;
import java.util.Objects;

/**
 * {@code CAST(operand AS type)}, the type named by the dialect.
 *
 * @param operand what is converted
 * @param type the SQL type it becomes
 */
public record Cast(Expression operand, SqlType type) implements Expression {
  @Override
  public <R> R accept(Expression.Visitor<R> visitor) {
    return visitor.cast(this);
  }

  public Cast {
    Objects.requireNonNull(operand, "operand must not be null");
    Objects.requireNonNull(type, "type must not be null");
  }
}
