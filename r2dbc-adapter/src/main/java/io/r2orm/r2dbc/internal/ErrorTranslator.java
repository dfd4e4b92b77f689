package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import io.r2orm.core.exception.ConnectionFailureException;
import io.r2orm.core.exception.QueryTimeoutException;
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
      if (isTimeout(error)) {
        return new QueryTimeoutException("Timed out: " + firstLine(error.getMessage()), sql, null, error);
      }
      if (isConnectionFailure(error)) {
        return new ConnectionFailureException("Connection failed: " + firstLine(error.getMessage()), sql, null, error);
      }
      return error;
    }
    String state = e.getSqlState();
    String what = firstLine(e.getMessage());
    if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
      return new ConnectionFailureException("Connection failed: " + what, sql, state, e);
    }
    if ("57014".equals(state) || "HYT00".equals(state)) {
      return new QueryTimeoutException("Statement cancelled (timeout): " + what, sql, state, e);
    }
    if (e instanceof R2dbcNonTransientResourceException || e instanceof R2dbcTransientResourceException) {
      return new ConnectionFailureException("Connection failed: " + what, sql, state, e);
    }
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
      return new QueryTimeoutException("Statement timed out: " + what, sql, state, e);
    }
    return new StatementException("Statement failed: " + what, sql, state, e);
  }

  /** Reactor's timeout() and the pool's acquire timeout. */
  private static boolean isTimeout(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** Closed channels and refused connections that reach us without an R2DBC wrapper. */
  private static boolean isConnectionFailure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException || t instanceof java.nio.channels.ClosedChannelException
          || t.getClass().getName().startsWith("io.netty.channel.")) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
