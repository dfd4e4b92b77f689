package io.r2orm.r2dbc.internal;

import static io.r2orm.r2dbc.internal.FakeConnectionFactory.rows;
import static io.r2orm.r2dbc.internal.Fixtures.INT;
import static io.r2orm.r2dbc.internal.Fixtures.WAIT;
import static io.r2orm.r2dbc.internal.Fixtures.limited;
import static io.r2orm.r2dbc.internal.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2orm.core.exception.ConnectionFailureException;
import io.r2orm.core.exception.ConnectionTimeoutException;
import io.r2orm.core.sql.SqlStatement;
import io.r2orm.r2dbc.internal.FakeConnectionFactory.FakeConnection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Taking a connection from the factory (issue #11, finding 6): the subscriber's Context reaches
 * {@code ConnectionFactory.create()}, a cancelled wait cancels the acquisition, and a connection
 * that arrives after the cancel is closed exactly once.
 */
class AcquisitionTest {
  private static final SqlStatement INSERT = sql("INSERT INTO t VALUES ($1)", 1);
  private static final SqlStatement SELECT = sql("SELECT v FROM t");

  private final FakeConnectionFactory fake = new FakeConnectionFactory();
  private final Executor executor =
      new Executor(fake, true, 3, 3, StatementObserver.NONE, null, null);

  @AfterEach
  void noMisuse() {
    assertThat(fake.violations()).isEmpty();
    assertThat(fake.openNow()).as("connections left open").isZero();
  }

  /**
   * Every way a statement can take a connection: on its own, in a transaction, a session, a
   * windowed stream.
   */
  private List<Function<Executor, Flux<?>>> paths() {
    return List.of(
        e -> e.update(INSERT).flux(),
        e -> e.read(SELECT, limited(SELECT), INT, false),
        e -> e.inTransaction(tx -> tx.update(INSERT)),
        e -> e.session(() -> e.update(INSERT)),
        e -> e.streamWindows(SELECT, limited(SELECT), INT, 3, false, Flux::fromIterable));
  }

  @Test
  void aCancelWhileWaitingForAConnectionCancelsTheAcquisition() {
    for (Function<Executor, Flux<?>> path : paths()) {
      PublisherProbe<Connection> acquisition = PublisherProbe.of(Mono.never());
      fake.acquisition(acquisition::mono);

      Disposable running = path.apply(executor).subscribe();
      acquisition.assertWasSubscribed();
      running.dispose();

      acquisition.assertWasCancelled();
    }
    assertThat(fake.log()).as("nothing opened, sent or closed").isEmpty();
  }

  @Test
  void aConnectionArrivingAfterTheCancelWonIsClosedExactlyOnce() {
    for (Function<Executor, Flux<?>> path : paths()) {
      FakeConnectionFactory factory = new FakeConnectionFactory();
      // a factory that does not stop on cancel: it emits the connection it was making anyway
      AtomicReference<Subscriber<? super Connection>> waiting = new AtomicReference<>();
      PublisherProbe<Connection> acquisition =
          PublisherProbe.of(
              Mono.fromDirect(
                  subscriber -> {
                    waiting.set(subscriber);
                    subscriber.onSubscribe(
                        new Subscription() {
                          @Override
                          public void request(long n) {}

                          @Override
                          public void cancel() {}
                        });
                  }));
      factory.acquisition(acquisition::mono);
      Disposable running =
          path.apply(new Executor(factory, true, 3, 3, StatementObserver.NONE, null, null))
              .subscribe();
      running.dispose();
      acquisition.assertWasCancelled();

      FakeConnection late = factory.open();
      waiting.get().onNext(late);
      waiting.get().onComplete();

      assertThat(late.closeCount()).isEqualTo(1);
      assertThat(factory.log()).containsExactly("open c1", "close c1");
      assertThat(factory.violations()).isEmpty();
    }
  }

  /**
   * r2dbc-pool with a maxAcquireTime closes a connection that arrives after its timeout itself and
   * then calls the subscriber's dropped-value hook; its pooled connection's {@code close()} throws
   * when called again. Nothing may escape the hook: Reactor logs it at ERROR ("Operator called
   * default onErrorDropped"), as seen on PostgreSQL under cancelled streams.
   */
  @Test
  void aLateConnectionThePoolClosedItselfIsLeftAlone() {
    for (Function<Executor, Flux<?>> path : paths()) {
      FakeConnectionFactory factory = new FakeConnectionFactory();
      AtomicReference<reactor.core.CoreSubscriber<? super Connection>> waiting =
          new AtomicReference<>();
      factory.acquisition(
          () ->
              Mono.fromDirect(
                  subscriber -> {
                    waiting.set((reactor.core.CoreSubscriber<? super Connection>) subscriber);
                    subscriber.onSubscribe(
                        new Subscription() {
                          @Override
                          public void request(long n) {}

                          @Override
                          public void cancel() {}
                        });
                  }));
      Disposable running =
          path.apply(new Executor(factory, true, 3, 3, StatementObserver.NONE, null, null))
              .subscribe();
      running.dispose();

      java.util.concurrent.atomic.AtomicInteger closes =
          new java.util.concurrent.atomic.AtomicInteger();
      Connection pooled =
          (Connection)
              java.lang.reflect.Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                      if (closes.getAndIncrement() > 0) {
                        throw new IllegalStateException("Connection is closed");
                      }
                      return Mono.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                  });
      // the pool's own hook closes it, then it calls the subscriber's
      Mono.from(pooled.close()).block();
      reactor.core.publisher.Operators.onNextDropped(pooled, waiting.get().currentContext());

      assertThat(closes).hasValue(2);
    }
  }

  /**
   * r2dbc-pool gives a connection back itself when its acquisition is cancelled while the pool
   * still validates it, and then discards the connection it emits anyway. Closing that discarded
   * connection again would run the pool's release (pre-release hook, validation) on a physical
   * connection it may already have lent to the next caller.
   */
  @Test
  void aConnectionR2dbcPoolGaveBackOnCancelIsNotReleasedAgain() {
    FakeConnectionFactory driver = new FakeConnectionFactory();
    reactor.core.publisher.Sinks.One<Object> validated = reactor.core.publisher.Sinks.one();
    java.util.concurrent.CountDownLatch validating = new java.util.concurrent.CountDownLatch(1);
    // the first validation waits until the test lets it end, the next ones answer at once
    driver.on(
        "SELECT 1",
        FakeConnectionFactory.rowsFrom(validated.asMono()).whenSubscribed(validating::countDown),
        rows(1));
    java.util.concurrent.atomic.AtomicInteger releases =
        new java.util.concurrent.atomic.AtomicInteger();
    io.r2dbc.pool.ConnectionPool pool =
        new io.r2dbc.pool.ConnectionPool(
            io.r2dbc.pool.ConnectionPoolConfiguration.builder(driver)
                .initialSize(0)
                .maxSize(1)
                .validationQuery("SELECT 1")
                .preRelease(c -> Mono.fromRunnable(releases::incrementAndGet))
                .build());
    try {
      Executor pooled = new Executor(pool, true, 3, 3, StatementObserver.NONE, null, null);
      Disposable running = pooled.update(INSERT).subscribe();
      Fixtures.await(validating);
      running.dispose();
      validated.tryEmitValue(1);

      StepVerifier.create(pooled.update(INSERT)).expectNext(0L).expectComplete().verify(WAIT);
      assertThat(releases)
          .as("releases through the pool's connection wrapper: only the second update's")
          .hasValue(1);
      assertThat(pool.getMetrics().orElseThrow().acquiredSize()).isZero();
    } finally {
      pool.dispose();
    }
  }

  @Test
  void theSubscribersContextReachesTheFactory() {
    fake.on(SELECT.sql() + " LIMIT 4", rows(1, 2, 3, 4));
    fake.on("FETCH FORWARD 3 FROM r2orm_cursor_0", rows(1, 2, 3, 4));
    for (Function<Executor, Flux<?>> path : paths()) {
      StepVerifier.create(path.apply(executor).contextWrite(Context.of("tenant", "blue")))
          .thenConsumeWhile(x -> true)
          .expectComplete()
          .verify(WAIT);
    }

    assertThat(fake.contexts())
        .hasSize(fake.opened())
        .hasSizeGreaterThan(paths().size())
        .allSatisfy(
            context -> assertThat(context.getOrDefault("tenant", "none")).isEqualTo("blue"));
  }

  @Test
  void aContextReadingFactoryRoutesByTheSubscribersContext() {
    FakeConnectionFactory blue = new FakeConnectionFactory();
    FakeConnectionFactory green = new FakeConnectionFactory();
    fake.acquisition(
        () ->
            Mono.deferContextual(
                (ContextView context) ->
                    Mono.from(("blue".equals(context.get("tenant")) ? blue : green).create())));

    StepVerifier.create(
            executor
                .inTransaction(tx -> tx.update(INSERT))
                .contextWrite(Context.of("tenant", "green")))
        .expectNext(0L)
        .expectComplete()
        .verify(WAIT);

    assertThat(blue.log()).isEmpty();
    assertThat(green.log())
        .containsExactly(
            "open c1", "c1 BEGIN", "c1 INSERT INTO t VALUES ($1)", "c1 COMMIT", "close c1");
  }

  @Test
  void aFailedAcquisitionSaysWhatFailed() {
    fake.acquisition(
        () -> Mono.error(new R2dbcNonTransientResourceException("Connection refused")));
    StepVerifier.create(executor.update(INSERT))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(ConnectionFailureException.class)
                    .isNotInstanceOf(ConnectionTimeoutException.class)
                    .hasMessageContaining("Could not open a connection")
                    .hasMessageContaining("Connection refused")
                    .satisfies(
                        x ->
                            assertThat(x.getMessage())
                                .as("no empty SQL suffix")
                                .doesNotContain("SQL:")))
        .verify(WAIT);

    fake.acquisition(
        () ->
            Mono.error(new R2dbcTimeoutException("Connection acquisition timed out after 100ms")));
    StepVerifier.create(executor.inTransaction(tx -> tx.update(INSERT)))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(ConnectionTimeoutException.class)
                    .hasMessageContaining("every pooled connection is busy")
                    .hasMessageContaining("subscriptions that are never cancelled")
                    .hasMessageContaining(
                        "a stream holding a connection while the same caller waits for a second one")
                    .hasMessageContaining("a pool smaller than the concurrency"))
        .verify(WAIT);
  }
}
