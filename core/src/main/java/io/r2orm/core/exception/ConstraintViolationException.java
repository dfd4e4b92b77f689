package io.r2orm.core.exception;

/** A statement would break a NOT NULL or CHECK constraint (SQLSTATE 23502, 23514). */
public class ConstraintViolationException extends StatementException {
  private static final long serialVersionUID = 1L;

  public ConstraintViolationException(String what, String sql, String sqlState, Throwable cause) {
    super(what, sql, sqlState, cause);
  }
}
