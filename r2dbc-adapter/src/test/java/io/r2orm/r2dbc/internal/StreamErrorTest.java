package io.r2orm.r2dbc.internal;

import static io.r2orm.r2dbc.internal.FakeConnectionFactory.rows;
import static io.r2orm.r2dbc.internal.FakeConnectionFactory.rowsThenError;
import static io.r2orm.r2dbc.internal.Fixtures.INT;
import static io.r2orm.r2dbc.internal.Fixtures.WAIT;
import static io.r2orm.r2dbc.internal.Fixtures.limited;
import static io.r2orm.r2dbc.internal.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2orm.core.exception.ConnectionFailureException;
import io.r2orm.core.exception.StatementException;
import io.r2orm.core.sql.SqlStatement;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * A statement that fails in the middle of its result: the rows before the failure arrive, the error
 * is translated into an r2orm exception naming the SQL that failed (never a FETCH), and the
 * connection is given back exactly once, inside and outside a transaction.
 */
class StreamErrorTest {
  private static final SqlStatement SELECT = sql("SELECT v / d FROM t WHERE k = $1", 7);
  private static final String PROBE = SELECT.sql() + " LIMIT 4";
  private static final String FETCH = "FETCH FORWARD 3 FROM r2orm_cursor_0";

  private final FakeConnectionFactory fake = new FakeConnectionFactory();
  private final Executor executor =
      new Executor(fake, true, 3, 3, StatementObserver.NONE, null, null);

  @AfterEach
  void givenBackOnce() {
    assertThat(fake.violations()).isEmpty();
    assertThat(fake.openNow()).isZero();
    assertThat(fake.connections()).allSatisfy(c -> assertThat(c.closeCount()).isEqualTo(1));
  }

  private static R2dbcDataIntegrityViolationException divisionByZero() {
    return new R2dbcDataIntegrityViolationException("division by zero", "22012");
  }

  private static Consumer<Throwable> failureOf(String sql, String state) {
    return e -> {
      assertThat(e).isInstanceOf(StatementException.class);
      assertThat(((StatementException) e).sql()).isEqualTo(sql);
      assertThat(((StatementException) e).sqlState()).isEqualTo(state);
    };
  }

  @Test
  void outsideATransaction() {
    fake.on(SELECT.sql(), rowsThenError(divisionByZero(), 1, 2));

    StepVerifier.create(executor.read(SELECT, limited(SELECT), INT, false))
        .expectNext(1, 2)
        .expectErrorSatisfies(failureOf(SELECT.sql(), "22012"))
        .verify(WAIT);

    assertThat(fake.log()).containsExactly("open c1", "c1 " + SELECT.sql(), "close c1");
  }

  @Test
  void outsideATransactionALostConnectionIsAConnectionFailureAndTheConnectionIsDiscarded() {
    fake.on(
        SELECT.sql(),
        rowsThenError(
            new R2dbcNonTransientResourceException("terminating connection", "57P01"), 1));

    StepVerifier.create(executor.read(SELECT, limited(SELECT), INT, false))
        .expectNext(1)
        .expectErrorSatisfies(
            e -> {
              assertThat(e).isInstanceOf(ConnectionFailureException.class);
              assertThat(((StatementException) e).sql()).isEqualTo(SELECT.sql());
            })
        .verify(WAIT);

    assertThat(fake.log()).containsExactly("open c1", "c1 " + SELECT.sql(), "close c1");
  }

  @Test
  void inATransactionThroughACursor() {
    fake.on(PROBE, rows(1, 2, 3, 4));
    fake.on(FETCH, rows(1, 2, 3), rowsThenError(divisionByZero(), 4));

    StepVerifier.create(executor.inTransaction(tx -> tx.read(SELECT, limited(SELECT), INT, false)))
        .expectNext(1, 2, 3)
        .expectErrorSatisfies(failureOf(SELECT.sql(), "22012"))
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 " + PROBE,
            "c1 DECLARE r2orm_cursor_0 NO SCROLL CURSOR FOR " + SELECT.sql(),
            "c1 " + FETCH,
            "c1 " + FETCH,
            "c1 CLOSE r2orm_cursor_0",
            "c1 ROLLBACK",
            "close c1");
  }

  @Test
  void inATransactionInTheProbe() {
    fake.on(PROBE, rowsThenError(divisionByZero(), 1, 2));

    StepVerifier.create(executor.inTransaction(tx -> tx.read(SELECT, limited(SELECT), INT, false)))
        .expectErrorSatisfies(failureOf(PROBE, "22012"))
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly("open c1", "c1 BEGIN", "c1 " + PROBE, "c1 ROLLBACK", "close c1");
  }

  @Test
  void inAWindowedStreamOutsideATransaction() {
    fake.on(PROBE, rows(1, 2, 3, 4));
    fake.on(FETCH, rows(1, 2, 3), rowsThenError(divisionByZero(), 4));

    StepVerifier.create(
            executor.streamWindows(SELECT, limited(SELECT), INT, 3, false, Flux::fromIterable))
        .expectNext(1, 2, 3)
        .expectErrorSatisfies(failureOf(SELECT.sql(), "22012"))
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 " + PROBE,
            "close c1",
            "open c2",
            "c2 BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
            "c2 DECLARE r2orm_cursor_0 NO SCROLL CURSOR FOR " + SELECT.sql(),
            "c2 " + FETCH,
            "c2 " + FETCH,
            "c2 ROLLBACK",
            "close c2");
  }

  @Test
  void inASessionWithoutTransaction() {
    fake.on(SELECT.sql(), rowsThenError(divisionByZero(), 1));

    StepVerifier.create(
            executor.session(
                () ->
                    executor
                        .update(sql("UPDATE t SET a = 1"))
                        .thenMany(executor.read(SELECT, INT))))
        .expectErrorSatisfies(failureOf(SELECT.sql(), "22012"))
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly("open c1", "c1 UPDATE t SET a = 1", "c1 " + SELECT.sql(), "close c1");
  }
}
