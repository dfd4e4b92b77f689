package io.r2orm.core.exception;

import org.jspecify.annotations.Nullable;

/** An insert or update would duplicate a primary key or unique value (SQLSTATE 23505). */
public class DuplicateKeyException extends StatementException {
  private static final long serialVersionUID = 1L;

  public DuplicateKeyException(
      String what, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause) {
    super(what, sql, sqlState, cause);
  }
}
