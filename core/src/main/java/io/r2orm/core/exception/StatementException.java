package io.r2orm.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * A statement failed in the database. Carries the SQL (never the bound values, which may be
 * secrets) and the SQLSTATE reported by the driver; the driver's exception is the cause.
 */
public class StatementException extends R2ormException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_SQL = 2000;

  /**
   * SQLSTATEs after which the same transaction, run again, may succeed: serialization failure
   * (40001; also PostgreSQL's standby "conflict with recovery" and H2's deadlock), deadlock
   * detected (40P01), and an administrator's shutdown of the session (57P01).
   */
  private static final java.util.Set<String> RETRYABLE =
      java.util.Set.of("40001", "40P01", "57P01");

  private final @Nullable String sql;
  private final @Nullable String sqlState;

  public StatementException(
      String what, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause) {
    super(message(what, sql, sqlState), cause);
    this.sql = sql;
    this.sqlState = sqlState;
  }

  private static String message(String what, @Nullable String sql, @Nullable String sqlState) {
    String shown =
        sql == null ? "" : sql.length() > MAX_SQL ? sql.substring(0, MAX_SQL) + "..." : sql;
    String state = sqlState == null ? "" : " [SQLSTATE " + sqlState + "]";
    return shown.isBlank() ? what + state : what + state + "; SQL: " + shown;
  }

  /**
   * True for a serialization failure, a deadlock or a shutdown session (SQLSTATE 40001, 40P01,
   * 57P01).
   */
  @Override
  public boolean isRetryable() {
    return sqlState != null && RETRYABLE.contains(sqlState);
  }

  /** The SQL text that failed, without bound values; may be null when no statement was sent. */
  public @Nullable String sql() {
    return sql;
  }

  /** The SQLSTATE the driver reported, or null. */
  public @Nullable String sqlState() {
    return sqlState;
  }
}
