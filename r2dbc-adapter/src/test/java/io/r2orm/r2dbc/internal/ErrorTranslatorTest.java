package io.r2orm.r2dbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import io.r2orm.core.exception.ConnectionFailureException;
import io.r2orm.core.exception.R2ormException;
import io.r2orm.core.exception.ReadOnlyTransactionException;
import io.r2orm.core.exception.RecoveryConflictException;
import io.r2orm.core.exception.StatementException;
import org.junit.jupiter.api.Test;

/**
 * The exception types of the scale-out failures, by SQLSTATE and message as r2dbc-postgresql
 * reports them.
 */
class ErrorTranslatorTest {
  @Test
  void aWriteInAReadOnlyTransactionOrOnAStandbyIsReadOnlyTransactionException() {
    // r2dbc-postgresql files class 25 under R2dbcNonTransientResourceException
    Throwable e =
        ErrorTranslator.translate(
            new R2dbcNonTransientResourceException(
                "cannot execute INSERT in a read-only transaction", "25006"),
            "INSERT INTO t (a) VALUES ($1)");
    assertThat(e)
        .isExactlyInstanceOf(ReadOnlyTransactionException.class)
        .hasMessageContaining("cannot execute INSERT in a read-only transaction")
        .hasMessageContaining("primary")
        .hasMessageContaining("INSERT INTO t");
    assertThat(((StatementException) e).sqlState()).isEqualTo("25006");
    assertThat(R2ormException.isRetryable(e)).isFalse();
  }

  @Test
  void aStatementCancelledByAStandbyIsARetryableRecoveryConflict() {
    Throwable cancelled =
        ErrorTranslator.translate(
            new R2dbcTransientResourceException(
                "canceling statement due to conflict with recovery", "40001"),
            "SELECT * FROM t");
    assertThat(cancelled)
        .isExactlyInstanceOf(RecoveryConflictException.class)
        .hasMessageContaining("hot_standby_feedback");
    assertThat(R2ormException.isRetryable(cancelled)).isTrue();

    Throwable terminated =
        ErrorTranslator.translate(
            new R2dbcNonTransientResourceException(
                "terminating connection due to conflict with recovery", "40001"),
            "FETCH FORWARD 256 FROM r2orm_cursor_0");
    assertThat(terminated).isExactlyInstanceOf(RecoveryConflictException.class);
    assertThat(R2ormException.isRetryable(terminated)).isTrue();
  }

  @Test
  void aClosedConnectionStaysAConnectionFailure() {
    Throwable e =
        ErrorTranslator.translate(
            new R2dbcNonTransientResourceException("Connection closed", "08006"), "SELECT 1");
    assertThat(e).isExactlyInstanceOf(ConnectionFailureException.class);
  }
}
