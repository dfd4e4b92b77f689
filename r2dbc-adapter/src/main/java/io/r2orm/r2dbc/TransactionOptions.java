package io.r2orm.r2dbc;

import io.r2dbc.spi.IsolationLevel;
import java.time.Duration;
import java.util.Objects;

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
 */
public record TransactionOptions(IsolationLevel isolation, boolean readOnly, Duration timeout, Propagation propagation) {
  private static final TransactionOptions DEFAULTS = new TransactionOptions(null, false, null, Propagation.REQUIRED);

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
     * caller, who may recover and let the outer transaction commit. Outside a transaction, start one.
     */
    NESTED
  }

  /** The database's isolation, read-write, no timeout, joining an existing transaction. */
  public static TransactionOptions defaults() {
    return DEFAULTS;
  }

  public TransactionOptions withIsolation(IsolationLevel level) {
    return new TransactionOptions(Objects.requireNonNull(level, "level must not be null"), readOnly, timeout, propagation);
  }

  public TransactionOptions withReadOnly(boolean only) {
    return new TransactionOptions(isolation, only, timeout, propagation);
  }

  public TransactionOptions withTimeout(Duration limit) {
    return new TransactionOptions(isolation, readOnly, Objects.requireNonNull(limit, "limit must not be null"), propagation);
  }

  /** Runs in a savepoint when inside a transaction; see {@link Propagation#NESTED}. */
  public TransactionOptions nested() {
    return new TransactionOptions(isolation, readOnly, timeout, Propagation.NESTED);
  }
}
