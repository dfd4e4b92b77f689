package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.IsolationLevel;
import io.r2orm.core.exception.DuplicateKeyException;
import io.r2orm.core.exception.QueryTimeoutException;
import io.r2orm.core.exception.ReadOnlyTransactionException;
import io.r2orm.core.exception.StatementException;
import io.r2orm.r2dbc.faults.FaultSupport;
import io.r2orm.r2dbc.faults.PlainCounter;
import io.r2orm.r2dbc.faults.PlainCounter_;
import io.r2orm.r2dbc.faults.TxNote;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.util.function.Tuples;

/**
 * Transactions: commit on complete, rollback on error and on cancel, joining, savepoints,
 * read-only, timeouts and isolation. Every row is counted with plain SQL on another connection.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class TransactionsIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @BeforeEach
  void freshTables() {
    testDatabase()
        .sql(
            "DROP TABLE IF EXISTS tx_note",
            "DROP TABLE IF EXISTS plain_counter",
            TxNote.DDL,
            PlainCounter.DDL);
  }

  private long notes(String where) {
    return testDatabase().queryOne("SELECT COUNT(*) FROM tx_note WHERE " + where, Long.class);
  }

  private long notes() {
    return notes("1 = 1");
  }

  /**
   * A pool of one connection over the test database, so that what one transaction leaves behind is
   * seen by the next.
   */
  private ConnectionPool singleConnection() {
    return FaultSupport.pool(testDatabase().pool().unwrap(), 1, Duration.ofSeconds(5));
  }

  @Test
  void commitsWhenTheWorkCompletesAndHidesItsRowsUntilThen() {
    Database outside = Database.create(testDatabase().pool());
    StepVerifier.create(
            db().transaction(
                    tx ->
                        tx.insert(TxNote.of("a"))
                            .then(tx.insert(TxNote.of("b")))
                            .then(outside.select(TxNote.class).count())
                            .flatMap(
                                outsideCount ->
                                    tx.select(TxNote.class)
                                        .count()
                                        .map(insideCount -> Tuples.of(outsideCount, insideCount)))))
        .assertNext(
            seen -> {
              assertThat(seen.getT1())
                  .as("rows seen by another connection before the commit")
                  .isZero();
              assertThat(seen.getT2()).as("rows seen inside the transaction").isEqualTo(2);
            })
        .expectComplete()
        .verify(WAIT);
    assertThat(notes()).isEqualTo(2);
  }

  @Test
  void rollsBackWhenTheWorkFails() {
    StepVerifier.create(
            db().transaction(
                    tx ->
                        tx.insert(TxNote.of("a"))
                            .then(tx.insert(TxNote.of("b")))
                            .then(Mono.error(new IllegalStateException("work failed")))))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("work failed"))
        .verify(WAIT);
    assertThat(notes()).isZero();
  }

  @Test
  void rollsBackWhenAStatementFails() {
    StepVerifier.create(
            db().transaction(
                    tx ->
                        tx.insert(TxNote.of("a"))
                            .then(tx.insert(TxNote.of("b")))
                            .then(tx.insert(TxNote.of("a")))))
        .expectError(DuplicateKeyException.class)
        .verify(WAIT);
    assertThat(notes()).isZero();
  }

  @Test
  void rollsBackWhenTheSubscriberTakesFewerElementsThanTheWorkEmits() {
    StepVerifier.create(
            db().transaction(tx -> Flux.range(0, 10).concatMap(i -> tx.insert(TxNote.of("n" + i))))
                .take(3))
        .expectNextCount(3)
        .expectComplete()
        .verify(WAIT);
    FaultSupport.assertIdle(testDatabase().pool());
    assertThat(notes()).isZero();
  }

  @Test
  void rollsBackWhenDisposedMidWorkAndLeavesTheConnectionOutOfTheTransaction() {
    ConnectionPool pool = singleConnection();
    try {
      Database single = Database.create(pool);
      Sinks.Empty<Void> inserted = Sinks.empty();
      Disposable running =
          single
              .transaction(
                  tx ->
                      tx.insert(TxNote.of("before"))
                          .doOnSuccess(n -> inserted.tryEmitEmpty())
                          .then(Mono.delay(Duration.ofSeconds(20)))
                          .then(tx.insert(TxNote.of("never"))))
              .subscribe();
      inserted.asMono().block(WAIT);
      assertThat(FaultSupport.acquired(pool)).isEqualTo(1);
      running.dispose();
      FaultSupport.assertIdle(pool);
      assertThat(notes()).as("rows of the disposed transaction").isZero();
      // the only connection must be back in auto-commit: a row written now is seen by other
      // connections at once
      StepVerifier.create(single.insert(TxNote.of("after")))
          .expectNextCount(1)
          .expectComplete()
          .verify(WAIT);
      assertThat(notes("label = 'after'")).isEqualTo(1);
      assertThat(notes()).isEqualTo(1);
    } finally {
      pool.disposeLater().block(WAIT);
    }
  }

  @Test
  void theNextTransactionOnACancelledTransactionsConnectionIsATransactionToo() {
    ConnectionPool pool = singleConnection();
    try {
      Database single = Database.create(pool);
      for (int round = 0; round < 20; round++) {
        String prefix = "r" + round + "-";
        // cut after one of five rows: rolled back; then, on the same connection at once, work that
        // fails after two rows
        Mono<Long> cut =
            single
                .transaction(
                    tx ->
                        Flux.range(0, 5).concatMap(i -> tx.insert(TxNote.of(prefix + "cut-" + i))))
                .take(1)
                .count();
        Mono<Long> failing =
            single
                .transaction(
                    tx ->
                        tx.insert(TxNote.of(prefix + "a"))
                            .then(tx.insert(TxNote.of(prefix + "b")))
                            .then(Mono.<TxNote>error(new IllegalStateException("fails"))))
                .count()
                .onErrorReturn(IllegalStateException.class, -1L);
        StepVerifier.create(cut.then(failing)).expectNext(-1L).expectComplete().verify(WAIT);
      }
      FaultSupport.assertIdle(pool);
      assertThat(notes()).as("rows that a rolled back transaction left behind").isZero();
    } finally {
      pool.disposeLater().block(WAIT);
    }
  }

  @Test
  void aTransactionDisposedAtAnyMomentLeavesNoTransactionOpenOnItsConnection() {
    String application = FaultSupport.applicationName("tx_dispose");
    ConnectionPool pool =
        FaultSupport.pool(
            FaultSupport.factory(testDatabase(), application), 1, Duration.ofSeconds(5));
    try {
      Database single = Database.create(pool);
      Random random = new Random(7);
      for (int n = 0; n < 60; n++) {
        int i = n;
        // disposed after up to 1.5 ms: while the connection is acquired, the BEGIN or the insert
        // runs, or the commit
        Disposable running =
            single.transaction(tx -> tx.insert(TxNote.of("maybe-" + i))).subscribe();
        LockSupport.parkNanos(random.nextInt(1_500_000));
        running.dispose();
        FaultSupport.assertIdle(pool);
        if (kind == TestDatabase.Kind.POSTGRES) {
          assertThat(
                  FaultSupport.sessions(
                      application, "idle in transaction", "idle in transaction (aborted)"))
              .as("pooled connection left in a transaction after disposal %d", i)
              .isZero();
        }
      }
      StepVerifier.create(single.insert(TxNote.of("after")))
          .expectNextCount(1)
          .expectComplete()
          .verify(WAIT);
      assertThat(notes("label = 'after'"))
          .as("an auto-commit row seen by another connection")
          .isEqualTo(1);
    } finally {
      pool.disposeLater().block(WAIT);
    }
  }

  @Test
  void aNestedTransactionJoinsTheOuterOneAndItsFailureRollsBackEverything() {
    StepVerifier.create(
            db().transaction(
                    tx ->
                        tx.insert(TxNote.of("outer"))
                            .then(
                                tx.transaction(
                                        inner ->
                                            inner
                                                .insert(TxNote.of("inner"))
                                                // the inner work sees the outer row: it runs on the
                                                // same connection, in the same transaction
                                                .then(inner.select(TxNote.class).count())
                                                .flatMap(
                                                    n ->
                                                        n == 2
                                                            ? Mono.error(
                                                                new IllegalStateException(
                                                                    "inner failed"))
                                                            : Mono.error(
                                                                new AssertionError(
                                                                    "inner transaction saw "
                                                                        + n
                                                                        + " rows, not 2"))))
                                    .then())))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("inner failed"))
        .verify(WAIT);
    assertThat(notes()).isZero();
  }

  @Test
  void aNestedSavepointRollsBackOnlyItsOwnWorkWhenTheCallerRecovers() {
    StepVerifier.create(
            db().transaction(
                    tx ->
                        tx.insert(TxNote.of("outer-1"))
                            .then(
                                tx.transaction(
                                        TransactionOptions.defaults().nested(),
                                        inner ->
                                            inner
                                                .insert(TxNote.of("inner"))
                                                .then(inner.insert(TxNote.of("outer-1"))))
                                    .then()
                                    .onErrorResume(DuplicateKeyException.class, e -> Mono.empty()))
                            .then(tx.insert(TxNote.of("outer-2")))
                            .then(tx.select(TxNote.class).count())))
        .expectNext(2L)
        .expectComplete()
        .verify(WAIT);
    assertThat(notes()).isEqualTo(2);
    assertThat(notes("label IN ('outer-1', 'outer-2')")).isEqualTo(2);
    assertThat(notes("label = 'inner'")).as("rows of the failed savepoint").isZero();
  }

  @Test
  void aNestedSavepointThatSucceedsIsStillRolledBackWithTheOuterTransaction() {
    StepVerifier.create(
            db().transaction(
                    tx ->
                        tx.insert(TxNote.of("outer"))
                            .then(
                                tx.transaction(
                                        TransactionOptions.defaults().nested(),
                                        inner -> inner.insert(TxNote.of("inner")))
                                    .then())
                            .then(tx.select(TxNote.class).count())
                            .flatMap(
                                n ->
                                    Mono.error(
                                        new IllegalStateException(
                                            "outer failed after " + n + " rows")))))
        .expectErrorSatisfies(e -> assertThat(e).hasMessage("outer failed after 2 rows"))
        .verify(WAIT);
    assertThat(notes()).isZero();
  }

  @Test
  void nestedOutsideATransactionStartsOne() {
    StepVerifier.create(
            db().transaction(
                    TransactionOptions.defaults().nested(),
                    tx ->
                        tx.insert(TxNote.of("a"))
                            .then(Mono.error(new IllegalStateException("failed")))))
        .expectError(IllegalStateException.class)
        .verify(WAIT);
    assertThat(notes()).isZero();
  }

  // ---- rollback-only transactions (issue #12, finding 7): results emitted, then everything undone

  @Test
  void aRollbackOnlyTransactionEmitsItsResultsAndStoresNothing() {
    TransactionOptions dryRun = TransactionOptions.defaults().withRollbackOnly(true);
    List<TxNote> inserted =
        db().transaction(
                dryRun,
                tx ->
                    tx.insertAll(List.of(TxNote.of("a"), TxNote.of("b")))
                        .concatWith(tx.select(TxNote.class).all()))
            .collectList()
            .block(WAIT);
    assertThat(inserted)
        .hasSize(4)
        .allSatisfy(n -> assertThat(n.id()).as("generated id").isNotNull());
    assertThat(notes()).as("rows after the rollback-only transaction").isZero();
    // the connection is left outside any transaction: the next one commits as usual
    db().transaction(tx -> tx.insert(TxNote.of("kept"))).blockLast(WAIT);
    assertThat(notes()).isEqualTo(1);
  }

  @Test
  void aRollbackOnlyTransactionInsideAnotherUndoesOnlyItsOwnWork() {
    StepVerifier.create(
            db().transaction(
                    tx ->
                        tx.insert(TxNote.of("outer"))
                            .then(
                                tx.transaction(
                                        TransactionOptions.defaults().withRollbackOnly(true),
                                        inner ->
                                            inner
                                                .insert(TxNote.of("preview"))
                                                .then(inner.select(TxNote.class).count()))
                                    .single())
                            .flatMap(
                                seenInPreview ->
                                    tx.select(TxNote.class)
                                        .count()
                                        .map(after -> Tuples.of(seenInPreview, after)))))
        .assertNext(
            counts -> {
              assertThat(counts.getT1()).as("rows seen inside the preview").isEqualTo(2);
              assertThat(counts.getT2())
                  .as("rows seen by the outer transaction after it")
                  .isEqualTo(1);
            })
        .expectComplete()
        .verify(WAIT);
    assertThat(notes("label = 'outer'")).isEqualTo(1);
    assertThat(notes("label = 'preview'")).isZero();
  }

  @Test
  void aRollbackOnlyTransactionThatFailsReportsItsError() {
    StepVerifier.create(
            db().transaction(
                    TransactionOptions.defaults().withRollbackOnly(true),
                    tx ->
                        tx.insert(TxNote.of("a"))
                            .then(Mono.error(new IllegalStateException("failed")))))
        .expectErrorMessage("failed")
        .verify(WAIT);
    assertThat(notes()).isZero();
  }

  @Test
  void aReadOnlyTransactionRejectsAnInsertOnPostgresAndIsNotEnforcedOnH2() {
    TransactionOptions readOnly = TransactionOptions.defaults().withReadOnly(true);
    ConnectionPool pool = singleConnection();
    try {
      Database single = Database.create(pool);
      Mono<Long> work =
          single
              .transaction(
                  readOnly,
                  tx ->
                      tx.select(TxNote.class)
                          .count()
                          .then(tx.insert(TxNote.of("read-only")))
                          .then(tx.select(TxNote.class).count()))
              .single();
      if (kind == TestDatabase.Kind.POSTGRES) {
        StepVerifier.create(work)
            .expectErrorSatisfies(
                e ->
                    assertThat(e)
                        .isExactlyInstanceOf(ReadOnlyTransactionException.class)
                        .hasMessageContaining("read-only transaction")
                        .satisfies(
                            s -> assertThat(((StatementException) s).sqlState()).isEqualTo("25006"))
                        .satisfies(
                            s ->
                                assertThat(((StatementException) s).sql())
                                    .startsWith("INSERT INTO")))
            .verify(WAIT);
        assertThat(notes()).isZero();
      } else {
        // r2dbc-h2 ignores TransactionDefinition.READ_ONLY (H2 is read-only per database URL only):
        // the insert commits
        StepVerifier.create(work).expectNext(1L).expectComplete().verify(WAIT);
        assertThat(notes()).isEqualTo(1);
      }
      // read-only ends with its transaction: the same connection writes again afterwards
      StepVerifier.create(single.transaction(tx -> tx.insert(TxNote.of("read-write"))))
          .expectNextCount(1)
          .expectComplete()
          .verify(WAIT);
      assertThat(notes("label = 'read-write'")).isEqualTo(1);
    } finally {
      pool.disposeLater().block(WAIT);
    }
  }

  @Test
  void aTimeoutCancelsAndRollsBackWorkThatWaits() {
    TransactionOptions limited = TransactionOptions.defaults().withTimeout(Duration.ofMillis(300));
    long start = System.nanoTime();
    StepVerifier.create(
            db().transaction(
                    limited,
                    tx ->
                        tx.insert(TxNote.of("a"))
                            .then(Mono.delay(Duration.ofSeconds(2)))
                            .then(tx.insert(TxNote.of("b")))))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(QueryTimeoutException.class)
                    .hasMessageContaining("PT0.3S"))
        .verify(WAIT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    FaultSupport.assertIdle(testDatabase().pool());
    assertThat(notes()).isZero();
  }

  @Test
  void aTimeoutLimitsTheWholeTransactionNotTheGapBetweenElements() {
    TransactionOptions limited = TransactionOptions.defaults().withTimeout(Duration.ofMillis(300));
    long start = System.nanoTime();
    // 20 rows, one every 100 ms: two seconds in all, although no gap is longer than the timeout
    StepVerifier.create(
            db().transaction(
                    limited,
                    tx ->
                        Flux.interval(Duration.ofMillis(100))
                            .take(20)
                            .concatMap(i -> tx.insert(TxNote.of("n" + i)))))
        .thenConsumeWhile(n -> true)
        .expectError(QueryTimeoutException.class)
        .verify(WAIT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    FaultSupport.assertIdle(testDatabase().pool());
    assertThat(notes()).isZero();
  }

  @Test
  void concurrentSerializableReadModifyWritesOfOneRowLetOnlyOneCommit() {
    Assumptions.assumeTrue(
        kind == TestDatabase.Kind.POSTGRES,
        "r2dbc-h2 turns SERIALIZABLE into H2's database-wide "
            + "SET LOCK_MODE, which neither isolates snapshots nor reports serialization failures");
    testDatabase().sql("INSERT INTO plain_counter (id, hits) VALUES (1, 0)");
    TransactionOptions serializable =
        TransactionOptions.defaults().withIsolation(IsolationLevel.SERIALIZABLE);
    AtomicInteger reads = new AtomicInteger();
    Sinks.Empty<Void> bothRead = Sinks.empty();
    // each reads the row, waits until the other has read it too, then writes what it read plus one
    Function<Database, Mono<Long>> increment =
        tx ->
            tx.findById(PlainCounter.class, 1L)
                .flatMap(
                    c -> {
                      if (reads.incrementAndGet() == 2) {
                        bothRead.tryEmitEmpty();
                      }
                      return bothRead
                          .asMono()
                          .then(
                              tx.update(PlainCounter.class)
                                  .set(PlainCounter_.HITS, c.hits() + 1)
                                  .where(PlainCounter_.ID.eq(1L))
                                  .execute());
                    });
    Mono<Signal<Long>> first = db().transaction(serializable, increment).single().materialize();
    Mono<Signal<Long>> second = db().transaction(serializable, increment).single().materialize();
    List<Signal<Long>> outcomes = Flux.merge(first, second).collectList().block(WAIT);
    assertThat(outcomes).hasSize(2);
    assertThat(outcomes).filteredOn(Signal::isOnNext).as("committed").hasSize(1);
    assertThat(outcomes)
        .filteredOn(Signal::isOnError)
        .as("failed")
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getThrowable()).isInstanceOf(StatementException.class);
              assertThat(((StatementException) s.getThrowable()).sqlState()).isEqualTo("40001");
            });
    assertThat(testDatabase().queryOne("SELECT hits FROM plain_counter WHERE id = 1", Long.class))
        .isEqualTo(1L);
  }

  @Test
  void aFailureAtCommitIsTranslated() {
    Assumptions.assumeTrue(kind == TestDatabase.Kind.POSTGRES, "H2 has no deferrable constraints");
    testDatabase()
        .sql(
            "DROP TABLE tx_note",
            "CREATE TABLE tx_note (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                + "label VARCHAR(100) NOT NULL, step INT NOT NULL, CONSTRAINT tx_note_label UNIQUE (label) DEFERRABLE INITIALLY DEFERRED)");
    StepVerifier.create(
            db().transaction(
                    tx -> tx.insert(TxNote.of("twice")).then(tx.insert(TxNote.of("twice")))))
        .expectNextCount(1)
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(DuplicateKeyException.class)
                    .satisfies(
                        d -> assertThat(((DuplicateKeyException) d).sqlState()).isEqualTo("23505")))
        .verify(WAIT);
    assertThat(notes()).isZero();
  }
}
