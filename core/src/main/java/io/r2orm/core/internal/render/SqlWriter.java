package io.r2orm.core.internal.render;

import io.r2orm.core.dialect.Dialect;
import io.r2orm.core.sql.Bind;
import io.r2orm.core.sql.Identifier;
import io.r2orm.core.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;

/** Accumulates SQL text and binds for one statement; yields an immutable {@link SqlStatement}. */
final class SqlWriter {
  private final Dialect dialect;
  private final StringBuilder sql = new StringBuilder(128);
  private final List<Bind> binds = new ArrayList<>();

  SqlWriter(Dialect dialect) {
    this.dialect = dialect;
  }

  SqlWriter append(String text) {
    sql.append(text);
    return this;
  }

  SqlWriter name(Identifier identifier) {
    sql.append(dialect.quote(identifier));
    return this;
  }

  /** Appends a placeholder and records its value. */
  SqlWriter bind(Object value, Class<?> type) {
    binds.add(new Bind(value, type));
    sql.append(dialect.bindMarker(binds.size()));
    return this;
  }

  /** The marker a bind would get, recording it (for clauses the dialect assembles). */
  String marker(Object value, Class<?> type) {
    binds.add(new Bind(value, type));
    return dialect.bindMarker(binds.size());
  }

  /** The length of the SQL written so far. */
  int length() {
    return sql.length();
  }

  /** The SQL written since {@code start} (a {@link #length()}). */
  String since(int start) {
    return sql.substring(start);
  }

  /**
   * The statement written.
   *
   * @throws io.r2orm.core.exception.TooManyParametersException when it has more binds than the
   *     database takes in one statement
   */
  SqlStatement toStatement(List<String> generatedKeys) {
    if (binds.size() > dialect.maxBindParameters()) {
      throw new io.r2orm.core.exception.TooManyParametersException(
          dialect.name(), binds.size(), dialect.maxBindParameters(), sql.toString());
    }
    return new SqlStatement(sql.toString(), binds, generatedKeys);
  }

  SqlStatement toStatement() {
    return toStatement(List.of());
  }
}
