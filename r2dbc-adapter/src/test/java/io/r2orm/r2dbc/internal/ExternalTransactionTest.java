package io.r2orm.r2dbc.internal;

import static io.r2orm.r2dbc.internal.FakeConnectionFactory.rows;
import static io.r2orm.r2dbc.internal.Fixtures.INT;
import static io.r2orm.r2dbc.internal.Fixtures.WAIT;
import static io.r2orm.r2dbc.internal.Fixtures.limited;
import static io.r2orm.r2dbc.internal.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import io.r2orm.core.sql.SqlStatement;
import io.r2orm.r2dbc.internal.FakeConnectionFactory.FakeConnection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

/**
 * A subscriber inside an external transaction (Spring's, found through its Reactor context): every
 * statement joins the external connection, which r2orm neither begins, ends nor closes.
 */
class ExternalTransactionTest {
  private static final SqlStatement INSERT = sql("INSERT INTO t VALUES ($1)", 1);
  private static final SqlStatement SELECT = sql("SELECT v FROM t");

  private final FakeConnectionFactory fake = new FakeConnectionFactory();
  private final FakeConnection springs = fake.open();
  private final ExternalJoin external =
      new ExternalJoin() {
        @Override
        public Mono<Connection> join() {
          return Mono.deferContextual(
              context -> context.hasKey("spring-tx") ? Mono.just(springs) : Mono.empty());
        }

        @Override
        public Publisher<Void> leave(Connection connection) {
          return Mono.fromRunnable(() -> fake.note("leave " + connection));
        }
      };
  private final Executor executor =
      new Executor(fake, true, 3, 3, StatementObserver.NONE, null, external);

  @Test
  void statementsJoinTheExternalConnectionAndLeaveItOpen() {
    fake.on(SELECT.sql() + " LIMIT 4", rows(1, 2));

    StepVerifier.create(
            executor
                .update(INSERT)
                .thenMany(
                    executor.inTransaction(tx -> tx.read(SELECT, limited(SELECT), INT, false)))
                .contextWrite(Context.of("spring-tx", true)))
        .expectNext(1, 2)
        .expectComplete()
        .verify(WAIT);

    assertThat(fake.log())
        .containsExactly(
            "open c1",
            "c1 INSERT INTO t VALUES ($1)",
            "leave c1",
            "c1 SELECT v FROM t LIMIT 4",
            "leave c1");
    assertThat(springs.closed()).isFalse();
    assertThat(fake.violations()).isEmpty();
  }

  /**
   * Two streams that join the same external transaction separately (two subscriptions, as two
   * service calls inside one {@code @Transactional} method) are open at once on its one connection:
   * their cursors need two names, as cursor names are per connection.
   */
  @Test
  void twoStreamsJoinedSeparatelyUseTwoCursorNames() {
    // the first stream's first page waits until the second stream has read all of its cursor
    reactor.core.publisher.Sinks.Empty<Void> secondDone = reactor.core.publisher.Sinks.empty();
    fake.on(SELECT.sql() + " LIMIT 4", rows(1, 2, 3, 4), rows(1, 2, 3, 4));
    fake.onPrefix(
        "FETCH FORWARD 3 FROM ",
        FakeConnectionFactory.rowsFrom(
            secondDone.asMono().thenMany(reactor.core.publisher.Flux.just(1, 2, 3))),
        rows(1, 2, 3),
        rows(4),
        rows(4));

    StepVerifier.create(
            reactor.core.publisher.Flux.merge(
                    executor.read(SELECT, limited(SELECT), INT, false),
                    executor
                        .read(SELECT, limited(SELECT), INT, false)
                        .doOnComplete(secondDone::tryEmitEmpty))
                .contextWrite(Context.of("spring-tx", true)))
        .expectNextCount(8)
        .expectComplete()
        .verify(WAIT);

    List<String> declared =
        fake.log().stream()
            .filter(line -> line.contains("DECLARE"))
            .map(line -> line.replaceAll(".*DECLARE (\\S+) .*", "$1"))
            .toList();
    assertThat(declared).as("%s", fake.log()).containsExactly("r2orm_cursor_0", "r2orm_cursor_1");
    assertThat(Session.joinedConnections()).as("shared cursor names kept after both left").isZero();
    assertThat(fake.violations()).isEmpty();
    assertThat(springs.closed()).isFalse();
  }

  @Test
  void outsideTheExternalTransactionTheFactoryIsUsed() {
    StepVerifier.create(executor.update(INSERT)).expectNext(0L).expectComplete().verify(WAIT);

    assertThat(fake.log())
        .containsExactly("open c1", "open c2", "c2 INSERT INTO t VALUES ($1)", "close c2");
  }
}
