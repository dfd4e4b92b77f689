package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2orm.core.exception.ConstraintViolationException;
import io.r2orm.core.exception.DuplicateKeyException;
import io.r2orm.core.exception.ForeignKeyViolationException;
import io.r2orm.core.exception.R2ormException;
import io.r2orm.core.exception.StatementException;

/**
 * Turns driver exceptions into r2orm's hierarchy by SQLSTATE (PostgreSQL and H2 use the standard
 * class 23 codes). The message keeps the driver's text and the SQL, never the bound values.
 */
public final class ErrorTranslator {
  private ErrorTranslator() {}

  /** The r2orm exception for a failure of the given SQL; r2orm's own exceptions pass through. */
  public static Throwable translate(Throwable error, String sql) {
    if (error instanceof R2ormException) {
      return error;
    }
    if (!(error instanceof R2dbcException e)) {
      return error;
    }
    String state = e.getSqlState();
    String what = firstLine(e.getMessage());
    if (state != null) {
      switch (state) {
        case "23505":
          return new DuplicateKeyException("Duplicate key: " + what, sql, state, e);
        case "23503":
        case "23506":
          return new ForeignKeyViolationException("Foreign key violated: " + what, sql, state, e);
        case "23502":
        case "23513":
        case "23514":
          return new ConstraintViolationException("Constraint violated: " + what, sql, state, e);
        default:
          break;
      }
    }
    if (e instanceof R2dbcTimeoutException) {
      return new StatementException("Statement timed out: " + what, sql, state, e);
    }
    return new StatementException("Statement failed: " + what, sql, state, e);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
