package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.pool.ConnectionPool;
import io.r2orm.core.exception.ConnectionFailureException;
import io.r2orm.core.exception.ConnectionTimeoutException;
import io.r2orm.core.exception.QueryTimeoutException;
import io.r2orm.core.exception.StatementException;
import io.r2orm.r2dbc.faults.FaultNote;
import io.r2orm.r2dbc.faults.FaultSupport;
import io.r2orm.r2dbc.faults.Slow;
import io.r2orm.r2dbc.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * Faults from outside: a server process terminated mid-query, a pool with no connection to give, a
 * server-side statement timeout. PostgreSQL only: the query that takes five seconds is a view over
 * {@code pg_sleep}, and the faults are caused and observed through {@code pg_stat_activity}. Every
 * pool here has one connection and an application name of its own.
 */
class FaultsIT {
  private static final Duration SLOW_QUERY = Duration.ofSeconds(5);
  private static TestDatabase pg;

  private final List<ConnectionPool> pools = new ArrayList<>();
  private final List<String> applications = new ArrayList<>();

  @BeforeAll
  static void open() {
    pg = TestDatabase.open(TestDatabase.Kind.POSTGRES, "FaultsIT");
    FaultSupport.postgresAdmin();
    pg.sql(Slow.VIEW, FaultNote.DDL, "INSERT INTO fault_note (body) VALUES ('first')");
  }

  @AfterAll
  static void close() {
    pg.close();
  }

  /** One connection, at most {@code acquire} to wait for it, and a fresh application name. */
  private Database database(
      Duration acquire, Function<Database.Builder, Database.Builder> settings) {
    String application = FaultSupport.applicationName("faults");
    ConnectionPool pool = FaultSupport.pool(FaultSupport.factory(pg, application), 1, acquire);
    pools.add(pool);
    applications.add(application);
    return settings.apply(Database.builder(pool)).build();
  }

  private ConnectionPool pool() {
    return pools.get(pools.size() - 1);
  }

  private String application() {
    return applications.get(applications.size() - 1);
  }

  @AfterEach
  void cleanUp() {
    for (String application : applications) {
      FaultSupport.terminate(application, "FROM slow").block(Duration.ofSeconds(10));
    }
    for (ConnectionPool pool : pools) {
      // closing a connection whose server process was terminated fails; that is not what these
      // tests are about
      pool.disposeLater().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(10));
    }
  }

  private static long elapsedMillis(long start) {
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }

  /**
   * Terminates the server process running our statement that contains {@code text} as soon as it
   * shows up.
   */
  private Disposable terminateWhenRunning(String application, String text) {
    return FaultSupport.terminate(application, text)
        .filter(terminated -> terminated > 0)
        .repeatWhenEmpty(empty -> empty.delayElements(Duration.ofMillis(50)))
        .timeout(Duration.ofSeconds(4))
        .subscribe(terminated -> {}, error -> {});
  }

  @Test
  void pooledConnectionsWhoseServerProcessesWereTerminatedWhileIdleAreReplacedBeforeAnyStatement() {
    String application = FaultSupport.applicationName("faults");
    ConnectionPool four =
        FaultSupport.pool(FaultSupport.factory(pg, application), 4, Duration.ofSeconds(10));
    pools.add(four);
    applications.add(application);
    Database db = Database.create(four);
    // four connections open and idle in the pool
    Flux.range(0, 4)
        .flatMap(i -> db.sql("SELECT pg_sleep(0.2)").execute(), 4)
        .blockLast(Duration.ofSeconds(10));
    assertThat(FaultSupport.sessions(application, "idle")).isEqualTo(4);
    FaultSupport.query(
        FaultSupport.postgresAdmin(),
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
            + "FROM pg_stat_activity WHERE application_name = '"
            + application
            + "'",
        r -> r.get(0, Long.class));
    assertThat(
            FaultSupport.await(
                Duration.ofSeconds(5), () -> FaultSupport.sessions(application, "idle") == 0))
        .isTrue();
    for (int i = 0; i < 10; i++) {
      StepVerifier.create(db.select(FaultNote.class).count())
          .expectNextCount(1)
          .expectComplete()
          .verify(Duration.ofSeconds(10));
    }
    FaultSupport.assertIdle(four);
  }

  @Test
  void aTerminatedServerProcessFailsTheQueryPromptlyAndTheNextQuerySucceeds() {
    Database db = database(Duration.ofSeconds(5), b -> b);
    long start = System.nanoTime();
    Disposable killer = terminateWhenRunning(application(), "FROM slow");
    try {
      StepVerifier.create(db.select(Slow.class).all())
          .expectErrorSatisfies(
              e ->
                  assertThat(e)
                      .isInstanceOf(ConnectionFailureException.class)
                      .satisfies(
                          c -> assertThat(((StatementException) c).sql()).contains("FROM slow")))
          .verify(Duration.ofSeconds(4));
    } finally {
      killer.dispose();
    }
    assertThat(elapsedMillis(start))
        .as("failed before the five-second sleep ended")
        .isLessThan(SLOW_QUERY.toMillis() - 2_000);
    FaultSupport.assertIdle(pool());
    // the pool drops the dead connection and opens a new one
    StepVerifier.create(db.select(FaultNote.class).count())
        .expectNext(1L)
        .expectComplete()
        .verify(Duration.ofSeconds(5));
    FaultSupport.assertIdle(pool());
  }

  @Test
  void aTransactionWhoseServerProcessIsTerminatedFailsWithTheConnectionFailureAndCommitsNothing() {
    Database db = database(Duration.ofSeconds(5), b -> b);
    long start = System.nanoTime();
    // inside a transaction on PostgreSQL the select is first probed for one window (the select with
    // a limit), and a
    // longer result read through a cursor (a FETCH); either way the failure names the select
    Disposable killer = terminateWhenRunning(application(), "FROM slow");
    try {
      StepVerifier.create(
              db.transaction(
                  tx ->
                      tx.insert(new FaultNote(null, "lost")).thenMany(tx.select(Slow.class).all())))
          .expectErrorSatisfies(
              e ->
                  assertThat(e)
                      .isInstanceOf(ConnectionFailureException.class)
                      .satisfies(
                          c -> assertThat(((StatementException) c).sql()).contains("FROM slow")))
          .verify(Duration.ofSeconds(4));
    } finally {
      killer.dispose();
    }
    assertThat(elapsedMillis(start)).isLessThan(SLOW_QUERY.toMillis() - 2_000);
    FaultSupport.assertIdle(pool());
    assertThat(pg.queryOne("SELECT COUNT(*) FROM fault_note WHERE body = 'lost'", Long.class))
        .isZero();
    StepVerifier.create(
            db.insert(new FaultNote(null, "kept")).then(db.select(FaultNote.class).count()))
        .expectNext(2L)
        .expectComplete()
        .verify(Duration.ofSeconds(5));
    pg.sql("DELETE FROM fault_note WHERE body = 'kept'");
  }

  @Test
  void aPoolHeldByAnOpenTransactionFailsTheNextQueryWithConnectionTimeout() {
    Database db = database(Duration.ofMillis(300), b -> b);
    Sinks.Empty<Void> inserted = Sinks.empty();
    Disposable holder =
        db.transaction(
                tx ->
                    tx.insert(new FaultNote(null, "held"))
                        .doOnSuccess(n -> inserted.tryEmitEmpty())
                        .then(Mono.delay(Duration.ofSeconds(20))))
            .subscribe();
    try {
      inserted.asMono().block(Duration.ofSeconds(5));
      long start = System.nanoTime();
      StepVerifier.create(db.select(FaultNote.class).all())
          .expectErrorSatisfies(
              e ->
                  assertThat(e)
                      .isInstanceOf(ConnectionTimeoutException.class)
                      .hasMessageContaining("maxSize")
                      .hasMessageContaining("maxAcquireTime"))
          .verify(Duration.ofSeconds(3));
      assertThat(elapsedMillis(start)).isLessThan(2_000);
    } finally {
      holder.dispose();
    }
    FaultSupport.assertIdle(pool());
    assertThat(pg.queryOne("SELECT COUNT(*) FROM fault_note WHERE body = 'held'", Long.class))
        .isZero();
    StepVerifier.create(db.select(FaultNote.class).count())
        .expectNext(1L)
        .expectComplete()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void aPoolHeldByARunningQueryFailsTheNextQueryWithConnectionTimeout() {
    Database db = database(Duration.ofMillis(300), b -> b);
    Disposable slow = db.select(Slow.class).all().subscribe(s -> {}, e -> {});
    try {
      assertThat(
              FaultSupport.await(
                  Duration.ofSeconds(3),
                  () -> FaultSupport.running(application(), "FROM slow") == 1))
          .as("the slow query is running")
          .isTrue();
      long start = System.nanoTime();
      StepVerifier.create(db.select(FaultNote.class).count())
          .expectErrorSatisfies(
              e ->
                  assertThat(e)
                      .isInstanceOf(ConnectionTimeoutException.class)
                      .hasMessageContaining("maxSize")
                      .hasMessageContaining("maxAcquireTime"))
          .verify(Duration.ofSeconds(3));
      assertThat(elapsedMillis(start)).isLessThan(2_000);
    } finally {
      slow.dispose();
    }
    FaultSupport.assertIdle(pool());
  }

  @Test
  void aStatementTimeoutCancelsTheSlowQueryOnTheServer() {
    Database db = database(Duration.ofSeconds(5), b -> b.statementTimeout(Duration.ofMillis(300)));
    long start = System.nanoTime();
    StepVerifier.create(db.select(Slow.class).all())
        .expectErrorSatisfies(
            e -> {
              assertThat(e).isExactlyInstanceOf(QueryTimeoutException.class);
              assertThat(((StatementException) e).sqlState()).isEqualTo("57014");
              assertThat(((StatementException) e).sql()).contains("FROM slow");
            })
        .verify(Duration.ofSeconds(4));
    assertThat(elapsedMillis(start)).isLessThan(2_000);
    assertThat(
            FaultSupport.await(
                Duration.ofSeconds(1), () -> FaultSupport.running(application(), "FROM slow") == 0))
        .as("the server stopped the statement")
        .isTrue();
    // the same (only) connection answers at once: it does not wait behind a statement still running
    long next = System.nanoTime();
    StepVerifier.create(db.select(FaultNote.class).count())
        .expectNext(1L)
        .expectComplete()
        .verify(Duration.ofSeconds(2));
    assertThat(elapsedMillis(next)).isLessThan(1_000);
    FaultSupport.assertIdle(pool());
  }

  /**
   * On PostgreSQL the timeout is local to a transaction ({@code SET LOCAL}): statements outside one
   * run in a short transaction of their own, and the pooled connection is left without it, so a
   * pooler in transaction mode cannot hand it to another service (issue #13, finding 1).
   */
  @Test
  void aStatementTimeoutLeavesNothingOnThePooledConnection() {
    Database db = database(Duration.ofSeconds(5), b -> b.statementTimeout(Duration.ofMillis(300)));
    assertThat(db.sql("SHOW statement_timeout").one(String.class).block(Duration.ofSeconds(5)))
        .isEqualTo("300ms");
    assertThat(
            db.transaction(tx -> tx.sql("SHOW statement_timeout").one(String.class))
                .blockLast(Duration.ofSeconds(5)))
        .isEqualTo("300ms");
    StepVerifier.create(db.transaction(tx -> tx.select(Slow.class).all()))
        .expectError(QueryTimeoutException.class)
        .verify(Duration.ofSeconds(4));
    // the pool's only connection, used without r2orm: no timeout left on it
    String left =
        Mono.usingWhen(
                pool().create(),
                c ->
                    Mono.from(c.createStatement("SHOW statement_timeout").execute())
                        .flatMap(r -> Mono.from(r.map((row, m) -> row.get(0, String.class)))),
                c -> c.close())
            .block(Duration.ofSeconds(5));
    assertThat(left).isEqualTo("0");
    FaultSupport.assertIdle(pool());
  }
}
