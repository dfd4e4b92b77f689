package io.r2orm.r2dbc.internal;

import static io.r2orm.r2dbc.internal.FakeConnectionFactory.error;
import static io.r2orm.r2dbc.internal.FakeConnectionFactory.never;
import static io.r2orm.r2dbc.internal.FakeConnectionFactory.rows;
import static io.r2orm.r2dbc.internal.FakeConnectionFactory.updated;
import static io.r2orm.r2dbc.internal.Fixtures.INT;
import static io.r2orm.r2dbc.internal.Fixtures.WAIT;
import static io.r2orm.r2dbc.internal.Fixtures.await;
import static io.r2orm.r2dbc.internal.Fixtures.limited;
import static io.r2orm.r2dbc.internal.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2orm.core.exception.DuplicateKeyException;
import io.r2orm.core.sql.SqlStatement;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * A statement outside any unit of work takes a connection of its own and gives it back once, after
 * it completed, failed or was cancelled, and never while it is still being handed to the driver.
 */
class StatementLifecycleTest {
  private static final SqlStatement INSERT = sql("INSERT INTO t VALUES ($1)", 1);
  private static final SqlStatement SELECT = sql("SELECT v FROM t");

  private final FakeConnectionFactory fake = new FakeConnectionFactory();
  private final Executor executor =
      new Executor(fake, true, 3, 3, StatementObserver.NONE, null, null);

  @AfterEach
  void givenBackOnce() {
    assertThat(fake.violations()).isEmpty();
    assertThat(fake.openNow()).isZero();
    assertThat(fake.connections()).allSatisfy(c -> assertThat(c.closeCount()).isEqualTo(1));
  }

  @Test
  void completeFailOrCancelTheConnectionIsClosedOnce() {
    fake.on(
        INSERT.sql(),
        updated(2),
        error(new R2dbcDataIntegrityViolationException("duplicate key value", "23505")),
        never());

    StepVerifier.create(executor.update(INSERT)).expectNext(2L).expectComplete().verify(WAIT);
    StepVerifier.create(executor.update(INSERT))
        .expectError(DuplicateKeyException.class)
        .verify(WAIT);
    BaseSubscriber<Long> cancelled = new BaseSubscriber<>() {};
    executor.update(INSERT).subscribe(cancelled);
    cancelled.dispose();

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 INSERT INTO t VALUES ($1)",
            "close c1",
            "open c2",
            "c2 INSERT INTO t VALUES ($1)",
            "close c2",
            "open c3",
            "c3 INSERT INTO t VALUES ($1)",
            "close c3");
  }

  @Test
  void aCancelClosesAnUpdatesConnectionOnlyAfterTheUpdateWasHandedToTheDriver()
      throws InterruptedException {
    cancelWhileHandingOver(INSERT.sql(), e -> e.update(INSERT).flux());
  }

  @Test
  void aCancelClosesAReadsConnectionOnlyAfterTheSelectWasHandedToTheDriver()
      throws InterruptedException {
    cancelWhileHandingOver(SELECT.sql(), e -> e.read(SELECT, limited(SELECT), INT, false));
  }

  /**
   * Finding 10 for a single statement: closing gives the connection back to the pool, which may
   * lend it at once; a statement still being handed over would then run on the next borrower's
   * connection, maybe inside its transaction.
   */
  private void cancelWhileHandingOver(String sql, Function<Executor, Flux<?>> statement)
      throws InterruptedException {
    CountDownLatch encoding = new CountDownLatch(1);
    CountDownLatch encoded = new CountDownLatch(1);
    fake.on(
        sql,
        rows(1)
            .whenSubscribed(
                () -> {
                  encoding.countDown();
                  await(encoded);
                  fake.note("handed to the driver");
                }));
    BaseSubscriber<Object> subscriber = new BaseSubscriber<>() {};
    Flux<?> running = statement.apply(executor);
    Thread worker = new Thread(() -> running.subscribe(subscriber), "subscriber");
    worker.start();
    await(encoding);

    subscriber.dispose();

    assertThat(fake.log())
        .as("not closed while the statement is being handed over")
        .containsExactly("open c1", "c1 " + sql);
    encoded.countDown();
    worker.join(WAIT.toMillis());
    assertThat(fake.log())
        .containsExactly("open c1", "c1 " + sql, "handed to the driver", "close c1");
  }
}
