package io.r2orm.core.query;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code CASE WHEN c1 THEN r1 WHEN c2 THEN r2 … ELSE otherwise END}. Build it with {@link
 * Functions#when(Predicate, Object)}.
 *
 * @param whens the branches, tried in order; at least one
 * @param otherwise the result when no branch matches, or null for SQL NULL
 */
public record Case(List<When> whens, @Nullable Expression otherwise) implements Expression {
  @Override
  public <R> R accept(Expression.Visitor<R> visitor) {
    return visitor.caseWhen(this);
  }

  public Case {
    whens = List.copyOf(whens);
    if (whens.isEmpty()) {
      throw new IllegalArgumentException("CASE needs at least one WHEN");
    }
  }

  /**
   * One branch.
   *
   * @param condition when it applies
   * @param result its result
   */
  public record When(Predicate condition, Expression result) {
    public When {
      Objects.requireNonNull(condition, "condition must not be null");
      Objects.requireNonNull(result, "result must not be null");
    }
  }
}
