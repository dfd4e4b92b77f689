package io.r2orm.core.exception;

/** An insert or update would duplicate a primary key or unique value (SQLSTATE 23505). */
public class DuplicateKeyException extends StatementException {
  private static final long serialVersionUID = 1L;

  public DuplicateKeyException(String what, String sql, String sqlState, Throwable cause) {
    super(what, sql, sqlState, cause);
  }
}
