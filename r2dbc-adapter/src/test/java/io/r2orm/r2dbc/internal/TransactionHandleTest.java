package io.r2orm.r2dbc.internal;

import static io.r2orm.r2dbc.internal.FakeConnectionFactory.error;
import static io.r2orm.r2dbc.internal.FakeConnectionFactory.updated;
import static io.r2orm.r2dbc.internal.Fixtures.WAIT;
import static io.r2orm.r2dbc.internal.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2orm.core.exception.DuplicateKeyException;
import io.r2orm.core.exception.UnexpectedRollbackException;
import io.r2orm.core.sql.SqlStatement;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * Issue #11, finding 11: a transaction's handle is bound to its transaction, so a statement made
 * with it fails loudly anywhere else instead of autocommitting; a joined transaction's failure
 * rolls the whole transaction back, even when the error was handled.
 */
class TransactionHandleTest {
  private static final SqlStatement INSERT = sql("INSERT INTO t VALUES ($1)", 1);
  private static final SqlStatement FAILING = sql("INSERT INTO u VALUES ($1)", 2);

  private final FakeConnectionFactory fake = new FakeConnectionFactory();
  private final Executor executor =
      new Executor(fake, true, 3, 3, StatementObserver.NONE, null, null);

  @AfterEach
  void noMisuse() {
    assertThat(fake.violations()).isEmpty();
    assertThat(fake.openNow()).isZero();
  }

  @Test
  void aHandleUsedAfterItsTransactionEndedFailsAndRunsNothing() {
    Executor handle = executor.inTransaction(tx -> Mono.just(tx)).blockLast(WAIT);
    List<String> before = fake.log();

    StepVerifier.create(handle.update(INSERT))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already ended"))
        .verify(WAIT);

    assertThat(fake.log()).as("no connection taken, nothing sent").isEqualTo(before);
  }

  @Test
  void aHandleSubscribedOnItsOwnInsideItsTransactionFailsAndTheTransactionIsUnaffected() {
    AtomicReference<Throwable> detached = new AtomicReference<>();

    StepVerifier.create(
            executor.inTransaction(
                tx -> {
                  tx.update(INSERT).subscribe(null, detached::set);
                  return tx.update(INSERT);
                }))
        .expectNext(0L)
        .expectComplete()
        .verify(WAIT);

    assertThat(detached.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside the transaction's own sequence");
    assertThat(fake.log())
        .containsExactly(
            "open c1", "c1 BEGIN", "c1 INSERT INTO t VALUES ($1)", "c1 COMMIT", "close c1");
  }

  @Test
  void aHandleUsedInsideAnotherTransactionFailsWhileItsOwnIsStillOpen() {
    Sinks.One<Executor> firstHandle = Sinks.one();
    Sinks.Empty<Void> finishFirst = Sinks.empty();
    executor
        .inTransaction(
            tx -> {
              firstHandle.tryEmitValue(tx);
              return finishFirst.asMono().then(tx.update(INSERT));
            })
        .subscribe();

    StepVerifier.create(
            firstHandle
                .asMono()
                .flatMapMany(first -> executor.inTransaction(second -> first.update(INSERT))))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outside the transaction's own sequence"))
        .verify(WAIT);
    finishFirst.tryEmitEmpty();

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "open c2",
            "c2 BEGIN",
            "c2 ROLLBACK",
            "close c2",
            "c1 INSERT INTO t VALUES ($1)",
            "c1 COMMIT",
            "close c1");
  }

  @Test
  void aJoinedTransactionJoinsTheOuterConnection() {
    StepVerifier.create(
            executor.inTransaction(
                tx ->
                    tx.update(INSERT)
                        .then(tx.inTransaction(inner -> inner.update(INSERT)).single())))
        .expectNext(0L)
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 INSERT INTO t VALUES ($1)",
            "c1 INSERT INTO t VALUES ($1)",
            "c1 COMMIT",
            "close c1");
  }

  @Test
  void aJoinedFailureHandledByTheCallerStillRollsBackAndSaysSoAtCommit() {
    fake.on(
        FAILING.sql(),
        updated(1),
        error(new R2dbcDataIntegrityViolationException("duplicate key value", "23505")));

    StepVerifier.create(
            executor.inTransaction(
                tx ->
                    tx.update(FAILING)
                        .then(tx.inTransaction(inner -> inner.update(FAILING)).then())
                        .onErrorResume(DuplicateKeyException.class, e -> Mono.empty())
                        .then(tx.update(INSERT))))
        .expectNext(0L)
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(UnexpectedRollbackException.class)
                    .hasCauseInstanceOf(DuplicateKeyException.class))
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 INSERT INTO u VALUES ($1)",
            "c1 INSERT INTO u VALUES ($1)",
            "c1 INSERT INTO t VALUES ($1)",
            "c1 ROLLBACK",
            "close c1");
  }
}
