package io.r2orm.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * A statement tried to write where writing is not allowed: in a read-only transaction, or on a read
 * replica (a hot standby, where every transaction is read-only) — SQLSTATE 25006. The fix is where
 * the write runs, not the data: run it on the primary, in a transaction that is not read-only (not
 * through {@code Database.onReplica()}).
 */
public class ReadOnlyTransactionException extends StatementException {
  private static final long serialVersionUID = 1L;

  public ReadOnlyTransactionException(
      String what, @Nullable String sql, @Nullable String sqlState, @Nullable Throwable cause) {
    super(what, sql, sqlState, cause);
  }
}
