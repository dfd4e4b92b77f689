package io.r2orm.core.query;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An aggregate over the rows of a group: {@code COUNT(*)}, {@code COUNT(DISTINCT x)}, {@code
 * SUM(x)}, {@code AVG(x)}, {@code MIN(x)}, {@code MAX(x)}.
 *
 * @param function which aggregate
 * @param argument what it aggregates, or null for {@code COUNT(*)}
 * @param distinct whether only distinct values count
 */
public record Aggregate(Function function, @Nullable Expression argument, boolean distinct)
    implements Expression {
  @Override
  public <R> R accept(Expression.Visitor<R> visitor) {
    return visitor.aggregate(this);
  }

  public Aggregate {
    Objects.requireNonNull(function, "function must not be null");
    if (argument == null && (function != Function.COUNT || distinct)) {
      throw new IllegalArgumentException(
          function + (distinct ? " DISTINCT" : "") + " needs an argument");
    }
  }

  /** The aggregate functions. */
  public enum Function {
    COUNT,
    SUM,
    AVG,
    MIN,
    MAX
  }
}
