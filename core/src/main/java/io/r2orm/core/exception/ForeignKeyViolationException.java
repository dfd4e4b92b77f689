package io.r2orm.core.exception;

import org.jspecify.annotations.Nullable;

/** A statement would break a foreign key (SQLSTATE 23503, H2 23506). */
public class ForeignKeyViolationException extends StatementException {
  private static final long serialVersionUID = 1L;

  public ForeignKeyViolationException(
      String what, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause) {
    super(what, sql, sqlState, cause);
  }
}
