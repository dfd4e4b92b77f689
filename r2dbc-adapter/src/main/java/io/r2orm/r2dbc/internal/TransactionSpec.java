package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.IsolationLevel;
import java.time.Duration;

/**
 * How the engine runs a transaction: the engine's own form of the public {@code
 * TransactionOptions}, which the API translates at the call, so that this package does not depend
 * on the API it serves. Values are taken as checked by the API. Not API.
 *
 * @param isolation the isolation level to begin with, or null for the database default
 * @param readOnly whether to begin the transaction read-only (false: the database default, not
 *     read-write, which would fail on a hot standby)
 * @param timeout how long the work may run before it is cancelled and rolled back, or null
 * @param nested inside an existing transaction, run in a savepoint instead of joining it
 * @param rollbackOnly roll back when the work completes (inside an existing transaction: to a
 *     savepoint), after its results were emitted
 */
public record TransactionSpec(
    IsolationLevel isolation,
    boolean readOnly,
    Duration timeout,
    boolean nested,
    boolean rollbackOnly) {
  /** The database's isolation and access mode, no timeout, joining an existing transaction. */
  public static final TransactionSpec DEFAULTS =
      new TransactionSpec(null, false, null, false, false);
}
