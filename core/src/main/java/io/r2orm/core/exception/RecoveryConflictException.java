package io.r2orm.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * A read replica cancelled a statement because replaying the primary's changes needed what the
 * statement was using (rows a vacuum removed, a table locked or dropped): PostgreSQL's "conflict
 * with recovery" (SQLSTATE 40001). Running the read again usually succeeds, so it is {@linkplain
 * #isRetryable() retryable}; {@code hot_standby_feedback} and {@code max_standby_streaming_delay}
 * on the replica make it rarer (see docs/replicas-and-poolers.md).
 */
public class RecoveryConflictException extends StatementException {
  private static final long serialVersionUID = 1L;

  public RecoveryConflictException(
      String what, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause) {
    super(what, sql, sqlState, cause);
  }

  /** Always: the read may simply run again. */
  @Override
  public boolean isRetryable() {
    return true;
  }
}
