package io.r2orm.r2dbc;

import io.r2dbc.spi.IsolationLevel;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Database#transaction(TransactionOptions, java.util.function.Function)} runs its work:
 * isolation level, read-only, a timeout after which it is rolled back, and what happens inside an
 * existing transaction. Immutable; start from {@link #defaults()}.
 *
 * <pre>{@code
 * db.transaction(TransactionOptions.defaults().withIsolation(IsolationLevel.SERIALIZABLE).withTimeout(Duration.ofSeconds(5)),
 *     tx -> ...)
 * }</pre>
 *
 * @param isolation the isolation level, or null for the database default
 * @param readOnly whether the transaction is read-only
 * @param timeout how long the work may run before it is cancelled and rolled back, or null
 * @param propagation what to do inside an existing transaction
 * @param rollbackOnly whether the work is rolled back when it completes, after its results were
 *     emitted (a dry run, a preview); see {@link #withRollbackOnly(boolean)}
 */
public record TransactionOptions(
    @Nullable IsolationLevel isolation,
    boolean readOnly,
    @Nullable Duration timeout,
    Propagation propagation,
    boolean rollbackOnly) {
  private static final TransactionOptions DEFAULTS =
      new TransactionOptions(null, false, null, Propagation.REQUIRED, false);

  public TransactionOptions {
    Objects.requireNonNull(propagation, "propagation must not be null");
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  /** Inside an existing transaction. */
  public enum Propagation {
    /** Join it (the default): one commit or rollback for everything. */
    REQUIRED,
    /**
     * Run in a savepoint: a failure rolls back to the savepoint only and the error reaches the
     * caller, who may recover and let the outer transaction commit. Outside a transaction, start
     * one.
     */
    NESTED
  }

  /**
   * The database's isolation, read-write, no timeout, joining an existing transaction, committed.
   */
  public static TransactionOptions defaults() {
    return DEFAULTS;
  }

  public TransactionOptions withIsolation(IsolationLevel level) {
    return new TransactionOptions(
        Objects.requireNonNull(level, "level must not be null"),
        readOnly,
        timeout,
        propagation,
        rollbackOnly);
  }

  public TransactionOptions withReadOnly(boolean only) {
    return new TransactionOptions(isolation, only, timeout, propagation, rollbackOnly);
  }

  public TransactionOptions withTimeout(Duration limit) {
    return new TransactionOptions(
        isolation,
        readOnly,
        Objects.requireNonNull(limit, "limit must not be null"),
        propagation,
        rollbackOnly);
  }

  /** Runs in a savepoint when inside a transaction; see {@link Propagation#NESTED}. */
  public TransactionOptions nested() {
    return new TransactionOptions(isolation, readOnly, timeout, Propagation.NESTED, rollbackOnly);
  }

  /**
   * Whether the work is rolled back when it completes: its results are emitted as usual (rows it
   * inserted with their generated ids, counts), then everything it wrote is undone — a dry run, a
   * preview, a test. Inside an existing transaction it runs in a savepoint and only its own work is
   * rolled back; the outer transaction goes on.
   */
  public TransactionOptions withRollbackOnly(boolean rollback) {
    return new TransactionOptions(isolation, readOnly, timeout, propagation, rollback);
  }
}
