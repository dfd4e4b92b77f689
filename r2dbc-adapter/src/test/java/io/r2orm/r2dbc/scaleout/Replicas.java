package io.r2orm.r2dbc.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.Statement;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Plain-driver helpers of the replica tests: set-up statements, pools, and bounded waits on server
 * state.
 */
final class Replicas {
  static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration POLL = Duration.ofMillis(20);

  private Replicas() {}

  static ConnectionFactory factory(String url, String schema, String application) {
    return ConnectionFactories.get(
        ConnectionFactoryOptions.parse(url)
            .mutate()
            .option(Option.valueOf("schema"), schema)
            .option(Option.valueOf("applicationName"), application)
            .build());
  }

  static ConnectionPool pool(ConnectionFactory factory) {
    return new ConnectionPool(
        ConnectionPoolConfiguration.builder(factory)
            .initialSize(0)
            .maxSize(4)
            .maxAcquireTime(Duration.ofSeconds(10))
            .build());
  }

  static void execute(ConnectionFactory factory, String... statements) {
    Flux.usingWhen(
            factory.create(),
            c ->
                Flux.fromArray(statements)
                    .concatMap(
                        sql ->
                            Flux.from(c.createStatement(sql).execute())
                                .concatMap(result -> result.getRowsUpdated())),
            c -> c.close())
        .blockLast(WAIT);
  }

  static <T> Mono<T> queryOne(
      ConnectionFactory factory, String sql, Class<T> type, Object... binds) {
    return Mono.usingWhen(
        factory.create(),
        c -> {
          Statement statement = c.createStatement(sql);
          for (int i = 0; i < binds.length; i++) {
            statement.bind(i, binds[i]);
          }
          return Flux.from(statement.execute())
              .concatMap(result -> result.map((row, meta) -> row.get(0, type)))
              .next();
        },
        c -> c.close());
  }

  /** Completes once {@code check} emits true, polling every 20 ms, for at most ten seconds. */
  static Mono<Void> until(Mono<Boolean> check, String what) {
    return Mono.defer(() -> check)
        .filter(Boolean::booleanValue)
        .repeatWhenEmpty(ticks -> ticks.delayElements(POLL))
        .timeout(
            Duration.ofSeconds(10), Mono.error(() -> new AssertionError("waited 10 s for " + what)))
        .then();
  }

  /** Waits (bounded) until the replica has replayed everything the primary has written so far. */
  static void awaitReplay(String primaryUrl, String replicaUrl) {
    String lsn =
        queryOne(
                ConnectionFactories.get(primaryUrl),
                "SELECT pg_current_wal_lsn()::text",
                String.class)
            .block(WAIT);
    ConnectionFactory standby = ConnectionFactories.get(replicaUrl);
    until(
            queryOne(standby, "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", Boolean.class, lsn),
            "the replica to replay " + lsn)
        .block(WAIT);
    assertThat(lsn).isNotBlank();
  }

  /**
   * Completes once a session of this application is in this state on the server (e.g. {@code
   * active}).
   */
  static Mono<Void> awaitSession(String url, String application, String state) {
    return until(
        queryOne(
            ConnectionFactories.get(url),
            "SELECT count(*) > 0 FROM pg_stat_activity WHERE application_name = $1 "
                + "AND state = $2",
            Boolean.class,
            application,
            state),
        "a session of " + application + " " + state);
  }

  /** The lock conflicts the replica has resolved by cancelling queries so far. */
  static Mono<Long> lockConflicts(String replicaUrl) {
    return queryOne(
        ConnectionFactories.get(replicaUrl),
        "SELECT confl_lock FROM pg_stat_database_conflicts WHERE datname = current_database()",
        Long.class);
  }
}
