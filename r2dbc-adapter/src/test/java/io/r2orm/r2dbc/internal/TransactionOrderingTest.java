package io.r2orm.r2dbc.internal;

import static io.r2orm.r2dbc.internal.FakeConnectionFactory.error;
import static io.r2orm.r2dbc.internal.FakeConnectionFactory.never;
import static io.r2orm.r2dbc.internal.FakeConnectionFactory.results;
import static io.r2orm.r2dbc.internal.FakeConnectionFactory.updated;
import static io.r2orm.r2dbc.internal.Fixtures.WAIT;
import static io.r2orm.r2dbc.internal.Fixtures.await;
import static io.r2orm.r2dbc.internal.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcRollbackException;
import io.r2dbc.spi.Result;
import io.r2orm.core.exception.DuplicateKeyException;
import io.r2orm.core.exception.QueryTimeoutException;
import io.r2orm.core.exception.StatementException;
import io.r2orm.core.sql.SqlStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * The order in which a transaction's BEGIN, statements, COMMIT or ROLLBACK and the connection's
 * close reach the driver, however the work ends (issue #11: finding 7, finding 10's ordering).
 */
class TransactionOrderingTest {
  private static final SqlStatement INSERT = sql("INSERT INTO t VALUES ($1)", 1);
  private static final SqlStatement UPDATE = sql("UPDATE t SET a = $1", 2);

  private final FakeConnectionFactory fake = new FakeConnectionFactory();
  private final Executor executor =
      new Executor(fake, true, 3, 3, StatementObserver.NONE, null, null);

  @AfterEach
  void noMisuse() {
    assertThat(fake.violations()).isEmpty();
    assertThat(fake.openNow()).as("connections left open").isZero();
  }

  @Test
  void completeWorkBeginsRunsCommitsThenCloses() {
    fake.on(INSERT.sql(), updated(1)).on(UPDATE.sql(), updated(5));

    StepVerifier.create(
            executor.inTransaction(tx -> tx.update(INSERT).concatWith(tx.update(UPDATE))))
        .expectNext(1L, 5L)
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 INSERT INTO t VALUES ($1)",
            "c1 UPDATE t SET a = $1",
            "c1 COMMIT",
            "close c1");
    assertThat(fake.executed(INSERT.sql()).get(0).binds()).containsEntry(0, 1);
  }

  @Test
  void aFailingStatementRollsBackThenCloses() {
    fake.on(
        INSERT.sql(),
        error(new R2dbcDataIntegrityViolationException("duplicate key value", "23505")));

    StepVerifier.create(executor.inTransaction(tx -> tx.update(INSERT).then(tx.update(UPDATE))))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(DuplicateKeyException.class)
                    .satisfies(
                        d -> assertThat(((StatementException) d).sql()).isEqualTo(INSERT.sql())))
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1", "c1 BEGIN", "c1 INSERT INTO t VALUES ($1)", "c1 ROLLBACK", "close c1");
  }

  @Test
  void anErrorOfTheWorkItselfRollsBackThenCloses() {
    IllegalArgumentException failure = new IllegalArgumentException("the caller's own failure");

    StepVerifier.create(executor.inTransaction(tx -> tx.update(INSERT).then(Mono.error(failure))))
        .expectErrorMatches(e -> e == failure)
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1", "c1 BEGIN", "c1 INSERT INTO t VALUES ($1)", "c1 ROLLBACK", "close c1");
  }

  @Test
  void aFailedCommitIsTranslatedAndRolledBack() {
    fake.on("COMMIT", error(new R2dbcRollbackException("could not serialize access", "40001")));

    StepVerifier.create(executor.inTransaction(tx -> tx.update(INSERT)))
        .expectNext(0L)
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(StatementException.class)
                    .satisfies(s -> assertThat(((StatementException) s).sql()).isEqualTo("COMMIT"))
                    .satisfies(
                        s -> assertThat(((StatementException) s).sqlState()).isEqualTo("40001")))
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 INSERT INTO t VALUES ($1)",
            "c1 COMMIT",
            "c1 ROLLBACK",
            "close c1");
  }

  @Test
  void aCancelWhileAStatementRunsRollsBackThenCloses() {
    fake.on(INSERT.sql(), never());

    BaseSubscriber<Long> subscriber = new BaseSubscriber<>() {};
    executor.inTransaction(tx -> tx.update(INSERT)).subscribe(subscriber);
    assertThat(fake.log()).containsExactly("open c1", "c1 BEGIN", "c1 INSERT INTO t VALUES ($1)");

    subscriber.dispose();

    assertThat(fake.log())
        .containsExactly(
            "open c1", "c1 BEGIN", "c1 INSERT INTO t VALUES ($1)", "c1 ROLLBACK", "close c1");
  }

  /**
   * Finding 10: a cancel from another thread while a statement is still being handed to the driver
   * (its subscribe call encodes the binds) sends ROLLBACK only after that call returned, so the
   * ROLLBACK never overtakes the INSERT on the wire.
   */
  @Test
  void aCancelRollsBackOnlyAfterTheStatementInFlightWasHandedToTheDriver()
      throws InterruptedException {
    CountDownLatch encoding = new CountDownLatch(1);
    CountDownLatch encoded = new CountDownLatch(1);
    fake.on(
        INSERT.sql(),
        updated(1)
            .whenSubscribed(
                () -> {
                  encoding.countDown();
                  await(encoded);
                  fake.note("INSERT handed to the driver");
                }));
    BaseSubscriber<Long> subscriber = new BaseSubscriber<>() {};
    Flux<Long> work = executor.inTransaction(tx -> tx.update(INSERT));
    Thread worker = new Thread(() -> work.subscribe(subscriber), "subscriber");
    worker.start();
    await(encoding);

    subscriber.dispose();

    assertThat(fake.log())
        .as("nothing is sent while the INSERT is being handed over")
        .containsExactly("open c1", "c1 BEGIN", "c1 INSERT INTO t VALUES ($1)");
    encoded.countDown();
    worker.join(WAIT.toMillis());
    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 INSERT INTO t VALUES ($1)",
            "INSERT handed to the driver",
            "c1 ROLLBACK",
            "close c1");
  }

  /**
   * A cancel that arrives after the work completed, while the COMMIT is on its way to the driver
   * (decided, not yet handed over): the ROLLBACK and the close wait for the COMMIT to be handed
   * over, so no COMMIT reaches a connection already given back to the pool, where it could end the
   * next borrower's transaction.
   */
  @Test
  void aCancelWhileTheCommitIsOnItsWayClosesOnlyAfterTheCommitWasHandedToTheDriver()
      throws InterruptedException {
    CountDownLatch committing = new CountDownLatch(1);
    CountDownLatch handOver = new CountDownLatch(1);
    fake.whenCalled(
        "COMMIT",
        () -> {
          committing.countDown();
          await(handOver);
        });
    BaseSubscriber<Long> subscriber = new BaseSubscriber<>() {};
    Flux<Long> work = executor.inTransaction(tx -> tx.update(INSERT));
    Thread worker = new Thread(() -> work.subscribe(subscriber), "subscriber");
    worker.start();
    await(committing);

    subscriber.dispose();
    handOver.countDown();
    worker.join(WAIT.toMillis());

    List<String> log = fake.log();
    assertThat(log)
        .startsWith("open c1", "c1 BEGIN", "c1 INSERT INTO t VALUES ($1)")
        .endsWith("close c1");
    assertThat(log.indexOf("c1 COMMIT"))
        .as("COMMIT before the close: %s", log)
        .isBetween(0, log.indexOf("close c1"));
  }

  /**
   * A cancel while BEGIN is unanswered does not roll back yet (the driver would skip a ROLLBACK it
   * believes needless and hand the connection back with the transaction open): the ROLLBACK follows
   * BEGIN's answer, and the work never starts.
   */
  @Test
  void aCancelDuringBeginRollsBackAfterBeginsAnswer() {
    Sinks.Empty<Result> begin = Sinks.empty();
    fake.on("BEGIN", results(begin::asMono));
    BaseSubscriber<Long> subscriber = new BaseSubscriber<>() {};
    executor.inTransaction(tx -> tx.update(INSERT)).subscribe(subscriber);
    assertThat(fake.log()).containsExactly("open c1", "c1 BEGIN");

    subscriber.dispose();
    assertThat(fake.log()).containsExactly("open c1", "c1 BEGIN");

    begin.tryEmitEmpty();
    assertThat(fake.log()).containsExactly("open c1", "c1 BEGIN", "c1 ROLLBACK", "close c1");
  }

  @Test
  void aDefaultTransactionSendsAPlainBegin() {
    StepVerifier.create(executor.inTransaction(TransactionSpec.DEFAULTS, tx -> tx.update(INSERT)))
        .expectNext(0L)
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log()).contains("c1 BEGIN").noneMatch(line -> line.contains("READ WRITE"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "none, true, BEGIN READ ONLY",
        "SERIALIZABLE, false, BEGIN ISOLATION LEVEL SERIALIZABLE",
        "REPEATABLE READ, true, BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
      })
  void isolationAndReadOnlyAreSentOnlyWhenAskedFor(
      String isolation, boolean readOnly, String begin) {
    TransactionSpec options =
        new TransactionSpec(
            isolation == null ? null : IsolationLevel.valueOf(isolation),
            readOnly,
            null,
            false,
            false);

    StepVerifier.create(executor.inTransaction(options, tx -> tx.update(INSERT)))
        .expectNext(0L)
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1", "c1 " + begin, "c1 INSERT INTO t VALUES ($1)", "c1 COMMIT", "close c1");
  }

  @Test
  void theStatementTimeoutIsSetBeforeBegin() {
    Executor timed =
        new Executor(fake, true, 3, 3, StatementObserver.NONE, Duration.ofSeconds(5), null);

    StepVerifier.create(timed.inTransaction(tx -> tx.update(INSERT)))
        .expectNext(0L)
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 SET statement_timeout 5000",
            "c1 BEGIN",
            "c1 INSERT INTO t VALUES ($1)",
            "c1 COMMIT",
            "close c1");
  }

  @Test
  void aTransactionTimeoutRollsBack() {
    fake.on(INSERT.sql(), never());

    StepVerifier.withVirtualTime(
            () ->
                executor.inTransaction(
                    new TransactionSpec(null, false, Duration.ofSeconds(5), false, false),
                    tx -> tx.update(INSERT)))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(4_999))
        .thenAwait(Duration.ofMillis(1))
        .expectError(QueryTimeoutException.class)
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1", "c1 BEGIN", "c1 INSERT INTO t VALUES ($1)", "c1 ROLLBACK", "close c1");
  }

  @Test
  void aNestedTransactionThatFailsRollsBackToItsSavepointAndTheOuterOneCommits() {
    fake.on(
        UPDATE.sql(),
        error(new R2dbcDataIntegrityViolationException("duplicate key value", "23505")));

    StepVerifier.create(
            executor.inTransaction(
                tx ->
                    tx.update(INSERT)
                        .then(
                            tx.inTransaction(
                                    new TransactionSpec(null, false, null, true, false),
                                    inner -> inner.update(UPDATE))
                                .onErrorResume(DuplicateKeyException.class, e -> Mono.just(-1L))
                                .single())))
        .expectNext(-1L)
        .expectComplete()
        .verify(WAIT);

    assertThat(normalized(fake.log()))
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 INSERT INTO t VALUES ($1)",
            "c1 SAVEPOINT r2orm_savepoint_N",
            "c1 UPDATE t SET a = $1",
            "c1 ROLLBACK TO SAVEPOINT r2orm_savepoint_N",
            "c1 COMMIT",
            "close c1");
  }

  @Test
  void aNestedTransactionThatCompletesReleasesItsSavepoint() {
    StepVerifier.create(
            executor.inTransaction(
                tx ->
                    tx.inTransaction(
                        new TransactionSpec(null, false, null, true, false),
                        inner -> inner.update(UPDATE))))
        .expectNext(0L)
        .expectComplete()
        .verify(WAIT);

    assertThat(normalized(fake.log()))
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 SAVEPOINT r2orm_savepoint_N",
            "c1 UPDATE t SET a = $1",
            "c1 RELEASE SAVEPOINT r2orm_savepoint_N",
            "c1 COMMIT",
            "close c1");
  }

  @Test
  void aRollbackOnlyTransactionEmitsItsResultsThenRollsBackInPlaceOfTheCommit() {
    TransactionSpec dryRun = new TransactionSpec(null, false, null, false, true);
    StepVerifier.create(executor.inTransaction(dryRun, tx -> tx.update(INSERT)))
        .expectNext(0L)
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1", "c1 BEGIN", "c1 INSERT INTO t VALUES ($1)", "c1 ROLLBACK", "close c1");
  }

  @Test
  void aRollbackOnlyTransactionInsideAnotherRollsBackToItsSavepointAndTheOuterOneCommits() {
    TransactionSpec dryRun = new TransactionSpec(null, false, null, false, true);
    StepVerifier.create(
            executor.inTransaction(
                tx ->
                    tx.update(INSERT)
                        .then(tx.inTransaction(dryRun, inner -> inner.update(UPDATE)).single())))
        .expectNext(0L)
        .expectComplete()
        .verify(WAIT);

    assertThat(normalized(fake.log()))
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 INSERT INTO t VALUES ($1)",
            "c1 SAVEPOINT r2orm_savepoint_N",
            "c1 UPDATE t SET a = $1",
            "c1 ROLLBACK TO SAVEPOINT r2orm_savepoint_N",
            "c1 RELEASE SAVEPOINT r2orm_savepoint_N",
            "c1 COMMIT",
            "close c1");
  }

  /** Savepoint names carry a process-wide counter. */
  private static List<String> normalized(List<String> log) {
    return log.stream()
        .map(line -> line.replaceAll("r2orm_savepoint_\\d+", "r2orm_savepoint_N"))
        .toList();
  }
}
