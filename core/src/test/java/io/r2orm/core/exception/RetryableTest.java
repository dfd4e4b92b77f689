package io.r2orm.core.exception;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The retryable category (issue #11): one call tells whether running the whole work again may
 * succeed.
 */
class RetryableTest {
  private static final Predicate<Throwable> RETRYABLE = R2ormException::isRetryable;

  @Test
  void serializationFailuresDeadlocksAndShutdownSessionsAreRetryable() {
    assertThat(
            RETRYABLE.test(
                new StatementException("could not serialize access", "UPDATE t", "40001", null)))
        .isTrue();
    assertThat(
            RETRYABLE.test(new StatementException("deadlock detected", "UPDATE t", "40P01", null)))
        .isTrue();
    assertThat(
            RETRYABLE.test(
                new ConnectionFailureException(
                    "terminating connection due to administrator command",
                    "SELECT 1",
                    "57P01",
                    null)))
        .isTrue();
  }

  @Test
  void errorsInTheWorkItselfAreNot() {
    assertThat(RETRYABLE.test(new DuplicateKeyException("duplicate key", "INSERT", "23505", null)))
        .isFalse();
    assertThat(RETRYABLE.test(new StatementException("syntax error", "SELEC", "42601", null)))
        .isFalse();
    assertThat(RETRYABLE.test(new StatementException("no state", "SELECT 1", null, null)))
        .isFalse();
    assertThat(RETRYABLE.test(new QueryBuildException("unknown property"))).isFalse();
    assertThat(RETRYABLE.test(new IllegalStateException("not r2orm's"))).isFalse();
    assertThat(RETRYABLE.test(null)).isFalse();
  }

  @Test
  void aMessageWithoutSqlHasNoEmptySqlSuffix() {
    assertThat(
            new ConnectionFailureException(
                "Could not open a connection: refused", null, null, null))
        .hasMessage("Could not open a connection: refused");
    assertThat(new StatementException("Failed", "", "08006", null))
        .hasMessage("Failed [SQLSTATE 08006]");
    assertThat(new StatementException("Failed", "SELECT 1", null, null))
        .hasMessage("Failed; SQL: SELECT 1");
  }
}
