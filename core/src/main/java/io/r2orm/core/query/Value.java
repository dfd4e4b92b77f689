package io.r2orm.core.query;

/**
 * A value from the application. Always rendered as a bind parameter, never as SQL text. When it
 * stands next to a property, the property's converter turns it into the column's type.
 *
 * @param value the value (may be null only where the grammar allows it)
 */
public record Value(Object value) implements Expression {
  @Override
  public <R> R accept(Expression.Visitor<R> visitor) {
    return visitor.value(this);
  }

  @Override
  public String toString() {
    return "Value[?]";
  }
}
