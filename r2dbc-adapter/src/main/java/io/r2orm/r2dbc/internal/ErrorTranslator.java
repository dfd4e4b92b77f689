package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import io.r2orm.core.exception.ConnectionFailureException;
import io.r2orm.core.exception.ConstraintViolationException;
import io.r2orm.core.exception.DuplicateKeyException;
import io.r2orm.core.exception.ForeignKeyViolationException;
import io.r2orm.core.exception.InvalidValueException;
import io.r2orm.core.exception.QueryTimeoutException;
import io.r2orm.core.exception.R2ormException;
import io.r2orm.core.exception.ReadOnlyTransactionException;
import io.r2orm.core.exception.RecoveryConflictException;
import io.r2orm.core.exception.StatementException;

/**
 * Turns driver exceptions into r2orm's hierarchy by SQLSTATE (PostgreSQL and H2 use the standard
 * class 23 codes). The message keeps the driver's text and the SQL, never the bound values.
 */
public final class ErrorTranslator {
  private static final java.util.regex.Pattern QUOTED_LITERAL =
      java.util.regex.Pattern.compile("'(?:[^']|'')*'");

  /**
   * The key values H2 appends to a unique violation after the index's columns: {@code ON
   * PUBLIC.P(ID) ( /* key:13 *&#47; CAST(13 AS BIGINT))} — numbers and casts that the literal
   * pattern does not catch.
   */
  private static final java.util.regex.Pattern H2_KEY_VALUES =
      java.util.regex.Pattern.compile(
          "(ON [\\w.\"]+\\([^)]*\\))\\s*(?:VALUES\\s*)?\\(\\s*/\\*\\s*key:.*?\\)\"");

  private ErrorTranslator() {}

  /** The r2orm exception for a failure of the given SQL; r2orm's own exceptions pass through. */
  public static Throwable translate(Throwable error, String sql) {
    if (error instanceof R2ormException) {
      return error;
    }
    if (!(error instanceof R2dbcException e)) {
      if (isTimeout(error)) {
        return new QueryTimeoutException(
            "Timed out: " + firstLine(error.getMessage()), sql, null, error);
      }
      if (isConnectionFailure(error)) {
        return new ConnectionFailureException(
            "Connection failed: " + firstLine(error.getMessage()), sql, null, error);
      }
      return error;
    }
    String state = e.getSqlState();
    String what = withoutLiterals(firstLine(e.getMessage()));
    if (what.contains("conflict with recovery")) {
      // a standby cancelled the statement (40001) or ended the session (FATAL, then often reported
      // as 08006)
      return new RecoveryConflictException(
          "Cancelled by the read replica (conflict with recovery): "
              + what
              + "; run the read again, and see hot_standby_feedback / max_standby_streaming_delay on the replica",
          sql,
          state,
          e);
    }
    if (state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03"))) {
      return new ConnectionFailureException("Connection failed: " + what, sql, state, e);
    }
    if ("57014".equals(state) || "HYT00".equals(state)) {
      return new QueryTimeoutException("Statement cancelled (timeout): " + what, sql, state, e);
    }
    if ("25006".equals(state)) {
      return new ReadOnlyTransactionException(
          "Write refused, the transaction is read-only: "
              + what
              + "; writes must run "
              + "on the primary in a transaction that is not read-only (not through onReplica(), not with "
              + "TransactionOptions.withReadOnly(true), not in @Transactional(readOnly = true))",
          sql,
          state,
          e);
    }
    // r2dbc-postgresql files every SQLSTATE class it does not know (25 read-only transaction, 55
    // lock not available,
    // P0 raised by PL/pgSQL, ...) under R2dbcNonTransientResourceException, so the class alone does
    // not mean the
    // connection failed: trust it only without a SQLSTATE (the driver's own) or with H2's vendor
    // codes (90xxx)
    if ((e instanceof R2dbcNonTransientResourceException
            || e instanceof R2dbcTransientResourceException)
        && (state == null || state.startsWith("90"))) {
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
    if (state != null && state.startsWith("22")) {
      return new InvalidValueException("Invalid value: " + what, sql, state, e);
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
      if (t instanceof java.io.IOException
          || t instanceof java.nio.channels.ClosedChannelException
          || t.getClass().getName().startsWith("io.netty.channel.")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The message with its quoted literals blanked: H2 quotes the offending value in its own text (a
   * duplicate key's {@code VALUES (... 'the value' )}), and a bound value may be a secret.
   */
  private static String withoutLiterals(String message) {
    String withoutKeys = H2_KEY_VALUES.matcher(message).replaceAll("$1\"");
    return QUOTED_LITERAL.matcher(withoutKeys).replaceAll("'?'");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
