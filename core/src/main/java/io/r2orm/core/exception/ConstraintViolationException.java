package io.r2orm.core.exception;

import org.jspecify.annotations.Nullable;

/** A statement would break a NOT NULL or CHECK constraint (SQLSTATE 23502, 23514). */
public class ConstraintViolationException extends StatementException {
  private static final long serialVersionUID = 1L;

  public ConstraintViolationException(
      String what, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause) {
    super(what, sql, sqlState, cause);
  }
}
