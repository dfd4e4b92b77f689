package io.r2orm.core.query;

import java.util.Objects;

/**
 * A subquery that yields one value, used as an expression ({@code (SELECT MAX(…) FROM …)}). It may
 * refer to the tables of the enclosing query (a correlated subquery).
 *
 * @param query the subquery; it selects exactly one column
 */
public record ScalarSubquery(Subquery query) implements Expression {
  @Override
  public <R> R accept(Expression.Visitor<R> visitor) {
    return visitor.scalarSubquery(this);
  }

  public ScalarSubquery {
    Objects.requireNonNull(query, "query must not be null");
    if (query.items().size() != 1 || !(query.items().get(0) instanceof SelectItem.Column)) {
      throw new IllegalArgumentException(
          "a scalar subquery selects exactly one column, not " + query.items().size());
    }
  }
}
