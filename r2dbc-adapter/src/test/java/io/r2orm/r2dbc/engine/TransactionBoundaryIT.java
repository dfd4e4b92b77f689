package io.r2orm.r2dbc.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.pool.ConnectionPool;
import io.r2orm.core.exception.UnexpectedRollbackException;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.TransactionOptions;
import io.r2orm.r2dbc.faults.FaultSupport;
import io.r2orm.r2dbc.faults.GroupRow;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Where a transaction begins and ends (issue #11, findings 6b, 10 and 11): a cancelled
 * multi-statement insert stores all of its rows or none, a transaction's handle fails loudly
 * outside its transaction, a failure inside a joined transaction rolls the whole transaction back
 * even when handled, and a cancelled wait for a connection leaves nothing queued in the pool.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class TransactionBoundaryIT extends DatabaseTest {
  private Database db;

  @BeforeEach
  void fixture() {
    db().schema().drop(GroupRow.class).block();
    db().schema().create(GroupRow.class).block();
    db = db();
  }

  private long rows() {
    return db.select(GroupRow.class).count().block(Duration.ofSeconds(10));
  }

  // ---- finding 10: a cancelled insertAll of several statements is all or nothing

  @RepeatedTest(3)
  void aCancelledInsertAllOfTwoStatementsStoresAllOrNothing() {
    ConnectionPool four =
        FaultSupport.pool(
            FaultSupport.factory(testDatabase(), FaultSupport.applicationName("cancel")),
            4,
            Duration.ofSeconds(30));
    try {
      Database small = Database.builder(four).insertBatchSize(1_000).build();
      Random random = new Random(42);
      int rounds = 300;
      Flux.range(0, rounds)
          .flatMap(
              round -> {
                List<GroupRow> group =
                    IntStream.range(0, 2_000)
                        .mapToObj(i -> new GroupRow(null, round, "r" + i))
                        .toList();
                Mono<Void> insert = small.insertAll(group).then();
                int after = random.nextInt(41);
                // cancelled after 0-40 ms, at any point of its two statements or its commit
                return insert
                    .timeout(Duration.ofMillis(after), Mono.empty())
                    .onErrorResume(e -> Mono.empty());
              },
              4)
          .blockLast(Duration.ofSeconds(120));
      FaultSupport.assertIdle(four);
      Map<Integer, Long> perGroup =
          small
              .select(GroupRow.class)
              .all()
              .collect(Collectors.groupingBy(GroupRow::grp, Collectors.counting()))
              .block(Duration.ofSeconds(30));
      assertThat(perGroup.values())
          .as("rows per stored group")
          .allSatisfy(n -> assertThat(n).isEqualTo(2_000L));
    } finally {
      four.disposeLater().block(Duration.ofSeconds(30));
    }
  }

  // ---- finding 11: the transaction handle is bound to its transaction

  @Test
  void aHandleUsedAfterItsTransactionEndedFailsAndStoresNothing() {
    Database[] kept = new Database[1];
    db.transaction(
            tx -> {
              kept[0] = tx;
              return tx.insert(new GroupRow(null, 1, "inside"));
            })
        .blockLast(Duration.ofSeconds(10));
    assertThatThrownBy(
            () -> kept[0].insert(new GroupRow(null, 1, "after")).block(Duration.ofSeconds(10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already ended");
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void aDetachedSubscribeInsideATransactionFailsInsteadOfCommittingOnItsOwn() {
    Queue<Throwable> detached = new ConcurrentLinkedQueue<>();
    StepVerifier.create(
            db.transaction(
                tx -> {
                  tx.insert(new GroupRow(null, 2, "detached")).subscribe(null, detached::add);
                  return tx.insert(new GroupRow(null, 2, "attached"))
                      .then(Mono.error(new IllegalArgumentException("boom")));
                }))
        .expectErrorMessage("boom")
        .verify(Duration.ofSeconds(10));
    assertThat(detached)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("outside the transaction"));
    assertThat(rows()).isZero();
  }

  @Test
  void aJoinedTransactionsHandledFailureRollsTheWholeTransactionBack() {
    StepVerifier.create(
            db.transaction(
                tx ->
                    tx.insert(new GroupRow(null, 3, "outer"))
                        .then(
                            tx.transaction(
                                    inner ->
                                        inner
                                            .insert(new GroupRow(null, 3, "inner"))
                                            .then(
                                                Mono.error(
                                                    new IllegalArgumentException("inner failed"))))
                                .onErrorResume(e -> Mono.empty())
                                .then())))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(UnexpectedRollbackException.class)
                    .hasMessageContaining("nested()")
                    .hasRootCauseMessage("inner failed"))
        .verify(Duration.ofSeconds(10));
    assertThat(rows()).isZero();
  }

  @Test
  void aNestedTransactionsHandledFailureRollsBackOnlyItsOwnWork() {
    db.transaction(
            tx ->
                tx.insert(new GroupRow(null, 4, "outer"))
                    .then(
                        tx.transaction(
                                TransactionOptions.defaults().nested(),
                                inner ->
                                    inner
                                        .insert(new GroupRow(null, 4, "inner"))
                                        .then(
                                            Mono.error(
                                                new IllegalArgumentException("inner failed"))))
                            .onErrorResume(e -> Mono.empty())
                            .then()))
        .blockLast(Duration.ofSeconds(10));
    assertThat(db.select(GroupRow.class).all().map(GroupRow::label).collectList().block())
        .containsExactly("outer");
  }

  @Test
  void aHandleOfOneTransactionUsedInsideAnotherFails() {
    Database[] kept = new Database[1];
    StepVerifier.create(
            db.transaction(
                    outer -> {
                      kept[0] = outer;
                      return Mono.empty();
                    })
                .thenMany(db.transaction(tx -> kept[0].insert(new GroupRow(null, 5, "wrong")))))
        .expectError(IllegalStateException.class)
        .verify(Duration.ofSeconds(10));
    assertThat(rows()).isZero();
  }

  // ---- finding 6b: a cancelled wait for a connection does not stay queued

  @Test
  void cancelledAcquisitionsLeaveNothingQueuedInThePool() {
    ConnectionPool one =
        FaultSupport.pool(
            FaultSupport.factory(testDatabase(), FaultSupport.applicationName("queue")),
            1,
            Duration.ofSeconds(60));
    try {
      Database single = Database.create(one);
      Disposable holder =
          single
              .transaction(
                  tx ->
                      tx.insert(new GroupRow(null, 6, "held"))
                          .then(Mono.delay(Duration.ofSeconds(2))))
              .subscribe();
      FaultSupport.await(Duration.ofSeconds(5), () -> FaultSupport.acquired(one) == 1);
      AtomicInteger timedOut = new AtomicInteger();
      Flux.range(0, 2_000)
          .flatMap(
              i ->
                  single
                      .findById(GroupRow.class, 1L)
                      .timeout(Duration.ofMillis(200))
                      .onErrorResume(
                          TimeoutException.class,
                          e -> {
                            timedOut.incrementAndGet();
                            return Mono.empty();
                          }),
              2_000)
          .subscribeOn(Schedulers.parallel())
          .blockLast(Duration.ofSeconds(30));
      assertThat(timedOut).hasValue(2_000);
      FaultSupport.await(
          Duration.ofSeconds(1), () -> one.getMetrics().orElseThrow().pendingAcquireSize() == 0);
      assertThat(one.getMetrics().orElseThrow().pendingAcquireSize())
          .as("acquisitions still queued")
          .isZero();
      holder.dispose();
      FaultSupport.assertIdle(one);
      // the next caller is served at once, not behind 2,000 abandoned requests
      StepVerifier.create(single.select(GroupRow.class).count())
          .expectNextCount(1)
          .expectComplete()
          .verify(Duration.ofSeconds(5));
    } finally {
      one.disposeLater().block(Duration.ofSeconds(30));
    }
  }
}
