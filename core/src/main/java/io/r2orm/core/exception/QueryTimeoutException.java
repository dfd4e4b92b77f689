package io.r2orm.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * A statement or transaction ran longer than allowed: the server cancelled it (a statement timeout,
 * SQLSTATE 57014) or the transaction's timeout elapsed and it was rolled back.
 */
public class QueryTimeoutException extends StatementException {
  private static final long serialVersionUID = 1L;

  public QueryTimeoutException(
      String what, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause) {
    super(what, sql, sqlState, cause);
  }
}
