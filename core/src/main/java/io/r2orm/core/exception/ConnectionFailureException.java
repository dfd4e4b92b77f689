package io.r2orm.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * No usable connection: the pool had none free within its acquire timeout, the server could not be
 * reached, or the connection broke while a statement ran (e.g. its server process was terminated,
 * SQLSTATE class 08 or 57P01). The statement's effects are unknown unless it ran in a transaction,
 * which is then rolled back; the next operation gets a fresh connection.
 */
public class ConnectionFailureException extends StatementException {
  private static final long serialVersionUID = 1L;

  private final boolean readOnlyWork;

  public ConnectionFailureException(
      String what, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause) {
    this(what, sql, sqlState, cause, false);
  }

  /**
   * {@code readOnlyWork}: the connection was lost under a read-only transaction, which wrote
   * nothing, so running it again is safe ({@link #isRetryable()}).
   */
  public ConnectionFailureException(
      String what,
      @Nullable String sql,
      @Nullable String sqlState,
      @Nullable Throwable cause,
      boolean readOnlyWork) {
    super(what, sql, sqlState, cause);
    this.readOnlyWork = readOnlyWork;
  }

  /**
   * True when the connection was lost under a read-only transaction (nothing was written; on a read
   * replica this is also how replay ends a session idle in a conflicting transaction), or for an
   * administrator's shutdown of the session (57P01).
   */
  @Override
  public boolean isRetryable() {
    return readOnlyWork || super.isRetryable();
  }
}
