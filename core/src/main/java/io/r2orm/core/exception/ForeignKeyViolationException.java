package io.r2orm.core.exception;

/** A statement would break a foreign key (SQLSTATE 23503, H2 23506). */
public class ForeignKeyViolationException extends StatementException {
  private static final long serialVersionUID = 1L;

  public ForeignKeyViolationException(String what, String sql, String sqlState, Throwable cause) {
    super(what, sql, sqlState, cause);
  }
}
