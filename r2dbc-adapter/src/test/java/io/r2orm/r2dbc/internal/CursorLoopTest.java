package io.r2orm.r2dbc.internal;

import static io.r2orm.r2dbc.internal.FakeConnectionFactory.error;
import static io.r2orm.r2dbc.internal.FakeConnectionFactory.rows;
import static io.r2orm.r2dbc.internal.Fixtures.INT;
import static io.r2orm.r2dbc.internal.Fixtures.WAIT;
import static io.r2orm.r2dbc.internal.Fixtures.limited;
import static io.r2orm.r2dbc.internal.Fixtures.range;
import static io.r2orm.r2dbc.internal.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2orm.core.exception.StatementException;
import io.r2orm.core.sql.SqlStatement;
import io.r2orm.r2dbc.internal.FakeConnectionFactory.Executed;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * Reads inside a unit of work: the probe, the cursor loop (DECLARE, FETCH a window at a time,
 * CLOSE) and its windows, strictly one after the other; reads outside one (issue #11, findings 1,
 * 2, 3, 4 and 5, as SQL order).
 */
class CursorLoopTest {
  /** fetch size 3, probe 3: a probe reads "LIMIT 4", a cursor "FETCH FORWARD 3". */
  private static final SqlStatement SELECT = sql("SELECT v FROM t WHERE k = $1", 7);

  private static final String PROBE = SELECT.sql() + " LIMIT 4";
  private static final String DECLARE_0 =
      "DECLARE r2orm_cursor_0 NO SCROLL CURSOR FOR " + SELECT.sql();
  private static final String FETCH_0 = "FETCH FORWARD 3 FROM r2orm_cursor_0";
  private static final String CLOSE_0 = "CLOSE r2orm_cursor_0";

  private final FakeConnectionFactory fake = new FakeConnectionFactory();
  private final Executor executor =
      new Executor(fake, true, 3, 3, StatementObserver.NONE, null, null);

  @AfterEach
  void noMisuse() {
    assertThat(fake.violations()).isEmpty();
    assertThat(fake.openNow()).as("connections left open").isZero();
  }

  private Flux<Integer> read(Executor on) {
    return on.read(SELECT, limited(SELECT), INT, false);
  }

  private void longerThanTheProbe() {
    fake.on(PROBE, rows(1, 2, 3, 4));
  }

  @Test
  void aLongResultFallsFromTheProbeToACursorReadAWindowAtATime() {
    longerThanTheProbe();
    fake.on(FETCH_0, rows(1, 2, 3), rows(4, 5, 6), rows(7));

    StepVerifier.create(executor.inTransaction(this::read))
        .expectNextSequence(range(1, 7))
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 " + PROBE,
            "c1 " + DECLARE_0,
            "c1 " + FETCH_0,
            "c1 " + FETCH_0,
            "c1 " + FETCH_0,
            "c1 " + CLOSE_0,
            "c1 COMMIT",
            "close c1");
    Executed declare = fake.executed("DECLARE").get(0);
    assertThat(declare.binds())
        .as("the select's binds go with the DECLARE")
        .containsExactly(java.util.Map.entry(0, 7));
    assertThat(fake.executed("FETCH"))
        .allSatisfy(
            fetch -> {
              assertThat(fetch.binds()).isEmpty();
              assertThat(fetch.fetchSize())
                  .as("one Execute reads the whole window, over the extended protocol")
                  .isEqualTo(4);
            });
    assertThat(fake.executed(PROBE).get(0).fetchSize()).as("the probe is read unpaged").isNull();
  }

  @Test
  void aResultThatFitsTheProbeIsOneStatement() {
    fake.on(PROBE, rows(1, 2, 3));

    StepVerifier.create(executor.inTransaction(this::read))
        .expectNext(1, 2, 3)
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly("open c1", "c1 BEGIN", "c1 " + PROBE, "c1 COMMIT", "close c1");
  }

  @Test
  void aResultEndingOnAWindowBoundaryStopsAtTheFirstEmptyFetch() {
    longerThanTheProbe();
    fake.on(FETCH_0, rows(1, 2, 3), rows(4, 5, 6));

    StepVerifier.create(executor.inTransaction(this::read))
        .expectNextSequence(range(1, 6))
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 " + PROBE,
            "c1 " + DECLARE_0,
            "c1 " + FETCH_0,
            "c1 " + FETCH_0,
            "c1 " + FETCH_0,
            "c1 " + CLOSE_0,
            "c1 COMMIT",
            "close c1");
  }

  /** Finding 1: a statement per streamed row runs between the windows on the same connection. */
  @Test
  void theCallersStatementsRunBetweenWindows() {
    longerThanTheProbe();
    fake.on(FETCH_0, rows(1, 2, 3), rows(4, 5));

    StepVerifier.create(
            executor.inTransaction(
                tx -> read(tx).concatMap(v -> tx.update(sql("UPDATE t SET v = v WHERE v = " + v)))))
        .expectNextCount(5)
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 " + PROBE,
            "c1 " + DECLARE_0,
            "c1 " + FETCH_0,
            "c1 UPDATE t SET v = v WHERE v = 1",
            "c1 UPDATE t SET v = v WHERE v = 2",
            "c1 UPDATE t SET v = v WHERE v = 3",
            "c1 " + FETCH_0,
            "c1 UPDATE t SET v = v WHERE v = 4",
            "c1 UPDATE t SET v = v WHERE v = 5",
            "c1 " + CLOSE_0,
            "c1 COMMIT",
            "close c1");
  }

  /**
   * The next FETCH waits for the previous window's processing to complete, whatever the demand: the
   * subscriber here requested everything at once.
   */
  @Test
  void theNextFetchWaitsForTheWindowsProcessingWhateverTheDemand() {
    longerThanTheProbe();
    fake.on(FETCH_0, rows(1, 2, 3), rows(4, 5, 6), rows(7));
    Queue<Sinks.Empty<Void>> windows = new ConcurrentLinkedQueue<>();
    Function<List<Integer>, Publisher<Integer>> perWindow =
        rows -> {
          Sinks.Empty<Void> done = Sinks.empty();
          windows.add(done);
          fake.note("window " + rows);
          return done.asMono().thenMany(Flux.fromIterable(rows));
        };
    List<Integer> received = new ArrayList<>();
    BaseSubscriber<Integer> subscriber =
        new BaseSubscriber<>() {
          @Override
          protected void hookOnNext(Integer value) {
            received.add(value);
          }
        };

    executor
        .inTransaction(tx -> tx.streamWindows(SELECT, limited(SELECT), INT, 3, false, perWindow))
        .subscribe(subscriber);

    assertThat(fake.log()).endsWith("c1 " + FETCH_0, "window [1, 2, 3]");
    windows.poll().tryEmitEmpty();
    assertThat(fake.log()).endsWith("window [1, 2, 3]", "c1 " + FETCH_0, "window [4, 5, 6]");
    windows.poll().tryEmitEmpty();
    assertThat(fake.log()).endsWith("window [4, 5, 6]", "c1 " + FETCH_0, "window [7]");
    assertThat(fake.log()).doesNotContain("c1 COMMIT");
    windows.poll().tryEmitEmpty();
    assertThat(received).isEqualTo(range(1, 7));
    assertThat(fake.log()).endsWith("window [7]", "c1 " + CLOSE_0, "c1 COMMIT", "close c1");
    assertThat(subscriber.isDisposed()).as("completed").isTrue();
  }

  @Test
  void aFailingFetchClosesTheCursorRollsBackAndNamesTheSelect() {
    longerThanTheProbe();
    fake.on(
        FETCH_0,
        rows(1, 2, 3),
        error(new R2dbcDataIntegrityViolationException("division by zero", "22012")));

    StepVerifier.create(executor.inTransaction(this::read))
        .expectNext(1, 2, 3)
        .expectErrorSatisfies(
            e -> {
              assertThat(e)
                  .isInstanceOf(StatementException.class)
                  .hasMessageContaining("division by zero");
              assertThat(((StatementException) e).sql())
                  .as("the select's SQL, not the FETCH")
                  .isEqualTo(SELECT.sql());
              assertThat(((StatementException) e).sqlState()).isEqualTo("22012");
            })
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 " + PROBE,
            "c1 " + DECLARE_0,
            "c1 " + FETCH_0,
            "c1 " + FETCH_0,
            "c1 " + CLOSE_0,
            "c1 ROLLBACK",
            "close c1");
  }

  @Test
  void aFailingDeclareNamesTheSelect() {
    longerThanTheProbe();
    fake.on(
        DECLARE_0, error(new R2dbcDataIntegrityViolationException("permission denied", "42501")));

    StepVerifier.create(executor.inTransaction(this::read))
        .expectErrorSatisfies(
            e -> assertThat(((StatementException) e).sql()).isEqualTo(SELECT.sql()))
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1", "c1 BEGIN", "c1 " + PROBE, "c1 " + DECLARE_0, "c1 ROLLBACK", "close c1");
  }

  @Test
  void aStreamCancelledInsideTheTransactionClosesItsCursorAndTheTransactionCommits() {
    longerThanTheProbe();
    fake.on(FETCH_0, rows(1, 2, 3), rows(4, 5, 6), rows(7));

    StepVerifier.create(executor.inTransaction(tx -> read(tx).take(4)))
        .expectNext(1, 2, 3, 4)
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 " + PROBE,
            "c1 " + DECLARE_0,
            "c1 " + FETCH_0,
            "c1 " + FETCH_0,
            "c1 " + CLOSE_0,
            "c1 COMMIT",
            "close c1");
  }

  @Test
  void aCancelledTransactionClosesTheCursorThenRollsBack() {
    longerThanTheProbe();
    fake.on(FETCH_0, rows(1, 2, 3), rows(4, 5, 6), rows(7));
    BaseSubscriber<Integer> subscriber =
        new BaseSubscriber<>() {
          @Override
          protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
            request(4);
          }
        };
    executor.inTransaction(this::read).subscribe(subscriber);
    assertThat(fake.log()).endsWith("c1 " + FETCH_0, "c1 " + FETCH_0);

    subscriber.dispose();

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 " + PROBE,
            "c1 " + DECLARE_0,
            "c1 " + FETCH_0,
            "c1 " + FETCH_0,
            "c1 " + CLOSE_0,
            "c1 ROLLBACK",
            "close c1");
  }

  @Test
  void cursorNamesAreReusedOneAfterTheOtherAndNumberedWhenNested() {
    SqlStatement inner = sql("SELECT w FROM u");
    fake.on(PROBE, rows(1, 2, 3, 4), rows(1, 2, 3, 4));
    fake.on(FETCH_0, rows(1, 2), rows(1, 2));
    fake.on(inner.sql() + " LIMIT 4", rows(1, 2, 3, 4));
    fake.on("FETCH FORWARD 3 FROM r2orm_cursor_1", rows(10));

    StepVerifier.create(
            executor.inTransaction(
                tx ->
                    read(tx)
                        .concatWith(
                            tx.streamWindows(
                                SELECT,
                                limited(SELECT),
                                INT,
                                3,
                                false,
                                window -> tx.read(inner, limited(inner), INT, false)))))
        .expectNext(1, 2, 10)
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 " + PROBE,
            "c1 " + DECLARE_0,
            "c1 " + FETCH_0,
            "c1 " + CLOSE_0,
            "c1 " + PROBE,
            "c1 " + DECLARE_0,
            "c1 " + FETCH_0,
            "c1 SELECT w FROM u LIMIT 4",
            "c1 DECLARE r2orm_cursor_1 NO SCROLL CURSOR FOR SELECT w FROM u",
            "c1 FETCH FORWARD 3 FROM r2orm_cursor_1",
            "c1 CLOSE r2orm_cursor_1",
            "c1 " + CLOSE_0,
            "c1 COMMIT",
            "close c1");
  }

  @Test
  void twoStreamsOpenAtOnceInOneTransactionUseTwoCursorNames() {
    SqlStatement other = sql("SELECT w FROM u");
    longerThanTheProbe();
    fake.on(other.sql() + " LIMIT 4", rows(1, 2, 3, 4));
    fake.on(FETCH_0, rows(1, 2, 3));
    fake.on("FETCH FORWARD 3 FROM r2orm_cursor_1", rows(7));
    Sinks.Empty<Void> firstWindowDone = Sinks.empty();

    StepVerifier.create(
            executor.inTransaction(
                tx ->
                    Flux.merge(
                        tx.streamWindows(
                            SELECT,
                            limited(SELECT),
                            INT,
                            3,
                            false,
                            window -> firstWindowDone.asMono().thenMany(Flux.fromIterable(window))),
                        tx.streamWindows(other, limited(other), INT, 3, false, Flux::fromIterable)
                            .doOnComplete(firstWindowDone::tryEmitEmpty))))
        .expectNext(7, 1, 2, 3)
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 " + PROBE,
            "c1 " + DECLARE_0,
            "c1 " + FETCH_0,
            "c1 SELECT w FROM u LIMIT 4",
            "c1 DECLARE r2orm_cursor_1 NO SCROLL CURSOR FOR SELECT w FROM u",
            "c1 FETCH FORWARD 3 FROM r2orm_cursor_1",
            "c1 CLOSE r2orm_cursor_1",
            "c1 " + FETCH_0,
            "c1 " + CLOSE_0,
            "c1 COMMIT",
            "close c1");
  }

  @Test
  void withoutCursorsOrWithFetchSizeZeroAReadIsOneStatement() {
    longerThanTheProbe();
    fake.on(SELECT.sql(), rows(1, 2, 3, 4, 5), rows(1, 2, 3, 4, 5));

    for (Executor one :
        List.of(
            new Executor(fake, false, 3, 3, StatementObserver.NONE, null, null),
            new Executor(fake, true, 0, 3, StatementObserver.NONE, null, null))) {
      StepVerifier.create(one.inTransaction(this::read))
          .expectNextSequence(range(1, 5))
          .expectComplete()
          .verify(WAIT);
    }

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 " + SELECT.sql(),
            "c1 COMMIT",
            "close c1",
            "open c2",
            "c2 BEGIN",
            "c2 " + SELECT.sql(),
            "c2 COMMIT",
            "close c2");
    assertThat(fake.executed(SELECT.sql())).extracting(Executed::fetchSize).containsOnlyNulls();
  }

  @Test
  void outsideAUnitOfWorkAReadIsOneStatementPagedByTheDriver() {
    fake.on(SELECT.sql(), rows(1, 2, 3, 4, 5));

    StepVerifier.create(read(executor))
        .expectNextSequence(range(1, 5))
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log()).containsExactly("open c1", "c1 " + SELECT.sql(), "close c1");
    assertThat(fake.executed(SELECT.sql()).get(0).fetchSize()).isEqualTo(3);
  }

  @Test
  void aBoundedReadIsOneUnpagedStatementEverywhere() {
    fake.on(SELECT.sql(), rows(1), rows(1));

    StepVerifier.create(executor.read(SELECT, INT)).expectNext(1).expectComplete().verify(WAIT);
    StepVerifier.create(executor.inTransaction(tx -> tx.read(SELECT, INT)))
        .expectNext(1)
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 " + SELECT.sql(),
            "close c1",
            "open c2",
            "c2 BEGIN",
            "c2 " + SELECT.sql(),
            "c2 COMMIT",
            "close c2");
    assertThat(fake.executed(SELECT.sql())).extracting(Executed::fetchSize).containsOnlyNulls();
  }

  /**
   * Finding 2: a stream with relations outside a transaction holds one connection at a time. A
   * result that fits the probe is one statement; a longer one is read again in a read-only
   * REPEATABLE READ transaction through a cursor (closed by the transaction's end).
   */
  @Test
  void aWindowedStreamOutsideATransactionHoldsOneConnectionAtATime() {
    longerThanTheProbe();
    fake.on(FETCH_0, rows(1, 2, 3), rows(4));
    Function<List<Integer>, Publisher<Integer>> perWindow =
        window ->
            executor
                .read(sql("SELECT child FROM c WHERE p IN (" + window + ")"), INT)
                .thenMany(Flux.fromIterable(window));

    StepVerifier.create(executor.streamWindows(SELECT, limited(SELECT), INT, 3, false, perWindow))
        .expectNextSequence(range(1, 4))
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 " + PROBE,
            "close c1",
            "open c2",
            "c2 BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
            "c2 " + DECLARE_0,
            "c2 " + FETCH_0,
            "c2 SELECT child FROM c WHERE p IN ([1, 2, 3])",
            "c2 " + FETCH_0,
            "c2 SELECT child FROM c WHERE p IN ([4])",
            "c2 COMMIT",
            "close c2");
    assertThat(fake.maxOpenAtOnce()).isEqualTo(1);
  }

  @Test
  void aWindowedStreamOutsideATransactionThatFitsTheProbeIsOneStatement() {
    fake.on(PROBE, rows(1, 2));
    Function<List<Integer>, Publisher<Integer>> perWindow =
        window ->
            executor
                .read(sql("SELECT child FROM c WHERE p IN (" + window + ")"), INT)
                .thenMany(Flux.fromIterable(window));

    StepVerifier.create(executor.streamWindows(SELECT, limited(SELECT), INT, 3, false, perWindow))
        .expectNext(1, 2)
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1", "c1 " + PROBE, "c1 SELECT child FROM c WHERE p IN ([1, 2])", "close c1");
  }
}
