package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.r2orm.core.exception.R2ormException;
import io.r2orm.core.exception.StatementException;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * The retryable category on PostgreSQL (issue #11, finding 12): a real deadlock (40P01) and a real
 * serialization failure (40001) between two transactions, coordinated with signals (no sleeps),
 * fail with an exception for which {@code R2ormException.isRetryable} is true, and the documented
 * {@code Retry} around the whole transaction then succeeds.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class RetryableIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Retry RETRY =
      Retry.backoff(3, Duration.ofMillis(20)).filter(R2ormException::isRetryable);

  @BeforeEach
  void tables() {
    assumeTrue(
        kind == TestDatabase.Kind.POSTGRES,
        "deadlock detection and serializable snapshot isolation are provoked on PostgreSQL, the production database");
    testDatabase()
        .sql(
            "DROP TABLE IF EXISTS retry_doctor",
            "CREATE TABLE retry_doctor (id BIGINT PRIMARY KEY, on_call BOOLEAN NOT NULL)",
            "INSERT INTO retry_doctor VALUES (1, true), (2, true)");
  }

  /** Two transactions that lock rows 1 and 2 in opposite order: PostgreSQL aborts one of them. */
  private List<Mono<Long>> deadlocking() {
    Sinks.Empty<Void> firstHasOne = Sinks.empty();
    Sinks.Empty<Void> secondHasTwo = Sinks.empty();
    Mono<Long> first =
        db().transaction(
                tx ->
                    update(tx, 1)
                        .then(Mono.fromRunnable(firstHasOne::tryEmitEmpty))
                        .then(secondHasTwo.asMono())
                        .then(update(tx, 2)))
            .last();
    Mono<Long> second =
        db().transaction(
                tx ->
                    update(tx, 2)
                        .then(Mono.fromRunnable(secondHasTwo::tryEmitEmpty))
                        .then(firstHasOne.asMono())
                        .then(update(tx, 1)))
            .last();
    return List.of(first, second);
  }

  private static Mono<Long> update(Database tx, long id) {
    return tx.sql("UPDATE retry_doctor SET on_call = NOT on_call WHERE id = :id")
        .bind("id", id)
        .execute();
  }

  @Test
  void aDeadlockIsRetryableAndARetriedTransactionSucceeds() {
    List<Mono<Long>> pair = deadlocking();
    List<Signal<Long>> ends =
        Mono.zip(pair.get(0).materialize(), pair.get(1).materialize(), List::of).block(WAIT);
    List<Throwable> errors =
        ends.stream().filter(Signal::isOnError).map(Signal::getThrowable).toList();
    assertThat(errors).as("exactly one transaction is chosen as the deadlock victim").hasSize(1);
    assertThat(errors.get(0))
        .isInstanceOf(StatementException.class)
        .satisfies(e -> assertThat(((StatementException) e).sqlState()).isEqualTo("40P01"))
        .satisfies(e -> assertThat(R2ormException.isRetryable(e)).isTrue());

    List<Mono<Long>> again = deadlocking();
    List<Long> retried =
        Mono.zip(again.get(0).retryWhen(RETRY), again.get(1).retryWhen(RETRY), List::of)
            .block(WAIT);
    assertThat(retried).containsExactly(1L, 1L);
  }

  /** Write skew under SERIALIZABLE: both read that two doctors are on call, each takes one off. */
  private Mono<Long> offCall(long id, Sinks.Empty<Void> iRead, Sinks.Empty<Void> otherRead) {
    return db().transaction(
            TransactionOptions.defaults().withIsolation(io.r2dbc.spi.IsolationLevel.SERIALIZABLE),
            tx ->
                tx.sql("SELECT COUNT(*) FROM retry_doctor WHERE on_call")
                    .one(Long.class)
                    .flatMap(
                        onCall ->
                            Mono.fromRunnable(iRead::tryEmitEmpty)
                                .then(otherRead.asMono())
                                .thenReturn(onCall))
                    .flatMap(
                        onCall ->
                            onCall > 1
                                ? tx.sql("UPDATE retry_doctor SET on_call = false WHERE id = :id")
                                    .bind("id", id)
                                    .execute()
                                : Mono.just(0L)))
        .last();
  }

  @Test
  void aSerializationFailureIsRetryableAndTheRetryReadsTheOtherTransactionsWrite() {
    Sinks.Empty<Void> oneRead = Sinks.empty();
    Sinks.Empty<Void> twoRead = Sinks.empty();
    List<Signal<Long>> ends =
        Mono.zip(
                offCall(1, oneRead, twoRead).materialize(),
                offCall(2, twoRead, oneRead).materialize(),
                List::of)
            .block(WAIT);
    List<Throwable> errors =
        ends.stream().filter(Signal::isOnError).map(Signal::getThrowable).toList();
    assertThat(errors).as("one of the two is aborted").hasSize(1);
    assertThat(((StatementException) errors.get(0)).sqlState()).isEqualTo("40001");
    assertThat(R2ormException.isRetryable(errors.get(0))).isTrue();

    testDatabase().sql("UPDATE retry_doctor SET on_call = true");
    Sinks.Empty<Void> oneReadAgain = Sinks.empty();
    Sinks.Empty<Void> twoReadAgain = Sinks.empty();
    List<Long> changed =
        Mono.zip(
                offCall(1, oneReadAgain, twoReadAgain).retryWhen(RETRY),
                offCall(2, twoReadAgain, oneReadAgain).retryWhen(RETRY),
                List::of)
            .block(WAIT);
    // the retried one reads one doctor on call and leaves it so: always someone on call
    assertThat(changed).containsExactlyInAnyOrder(1L, 0L);
    assertThat(
            testDatabase().queryOne("SELECT COUNT(*) FROM retry_doctor WHERE on_call", Long.class))
        .isEqualTo(1L);
  }
}
