package io.r2orm.core.query;

import java.util.List;
import java.util.Objects;

/**
 * A scalar SQL function applied to its arguments, e.g. {@code LOWER(title)} or {@code
 * COALESCE(composer, $1)}. The set of functions is closed so that each renders portably.
 *
 * @param function which function
 * @param arguments its arguments, in order
 */
public record FunctionCall(Function function, List<Expression> arguments) implements Expression {
  @Override
  public <R> R accept(Expression.Visitor<R> visitor) {
    return visitor.functionCall(this);
  }

  public FunctionCall {
    Objects.requireNonNull(function, "function must not be null");
    arguments = List.copyOf(arguments);
    if (arguments.size() < function.minArguments) {
      throw new IllegalArgumentException(
          function + " needs at least " + function.minArguments + " argument(s)");
    }
  }

  /** The functions r2orm renders on every dialect. */
  public enum Function {
    LOWER(1),
    UPPER(1),
    LENGTH(1),
    ABS(1),
    CONCAT(2),
    COALESCE(2),
    CURRENT_DATE(0),
    CURRENT_TIMESTAMP(0),
    /**
     * The text at a path in a JSON document: the document, then one argument per path step
     * (PostgreSQL).
     */
    JSON_TEXT(2),
    /**
     * Whether a JSON document contains another (PostgreSQL's {@code @>}): the document, then the
     * other.
     */
    JSON_CONTAINS(2);

    private final int minArguments;

    Function(int minArguments) {
      this.minArguments = minArguments;
    }
  }
}
