package io.r2orm.core.sql;

import java.util.List;
import java.util.Objects;

/**
 * A rendered statement: SQL text with dialect placeholders and the values to bind, in order.
 * {@link #toString()} shows only the SQL, so that logging a statement never leaks a value.
 *
 * @param sql the SQL text
 * @param binds the values, one per placeholder, in placeholder order
 * @param generatedKeys columns to ask the driver for as generated values (empty when the SQL
 *     returns them itself, e.g. with {@code RETURNING})
 */
public record SqlStatement(String sql, List<Bind> binds, List<String> generatedKeys) {
  public SqlStatement {
    Objects.requireNonNull(sql, "sql must not be null");
    binds = List.copyOf(binds);
    generatedKeys = List.copyOf(generatedKeys);
  }

  public SqlStatement(String sql, List<Bind> binds) {
    this(sql, binds, List.of());
  }

  @Override
  public String toString() {
    return sql;
  }
}
