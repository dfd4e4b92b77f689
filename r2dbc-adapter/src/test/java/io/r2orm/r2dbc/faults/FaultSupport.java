package io.r2orm.r2dbc.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.Row;
import io.r2orm.r2dbc.test.PostgresLocator;
import io.r2orm.r2dbc.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import reactor.core.publisher.Flux;

/**
 * Pools with special settings over a test database, and plain-SQL look-ups for assertions (never
 * through the ORM under test). On PostgreSQL each pool's sessions carry an {@code application_name}
 * of their own, so that {@code pg_stat_activity} can be filtered to them while other tests run.
 */
public final class FaultSupport {
  private FaultSupport() {}

  /** A fresh application name, e.g. {@code r2orm_stress_1a2b3c4d}. */
  public static String applicationName(String prefix) {
    return ("r2orm_" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8))
        .toLowerCase(Locale.ROOT);
  }

  /**
   * Connections to the test database; on PostgreSQL in its schema and with this application name.
   */
  public static ConnectionFactory factory(TestDatabase db, String applicationName) {
    if (db.kind() == TestDatabase.Kind.H2) {
      return db.pool().unwrap();
    }
    return ConnectionFactories.get(
        PostgresLocator.options()
            .mutate()
            .option(Option.valueOf("schema"), db.name())
            .option(Option.valueOf("applicationName"), applicationName)
            .build());
  }

  /**
   * A pool of at most {@code maxSize} connections that waits at most {@code maxAcquireTime} for
   * one.
   */
  public static ConnectionPool pool(
      ConnectionFactory factory, int maxSize, Duration maxAcquireTime) {
    return new ConnectionPool(
        ConnectionPoolConfiguration.builder(factory)
            .initialSize(0)
            .maxSize(maxSize)
            .maxAcquireTime(maxAcquireTime)
            .build());
  }

  private static ConnectionFactory admin;

  /**
   * Connections to the PostgreSQL test database outside any test schema, for pg_stat_activity and
   * pg_terminate_backend. Call it once on the test thread first: looking the driver up may block.
   */
  public static synchronized ConnectionFactory postgresAdmin() {
    if (admin == null) {
      admin = ConnectionFactories.get(PostgresLocator.options());
    }
    return admin;
  }

  /** Runs a plain query on a new connection from the factory and maps every row. */
  public static <T> List<T> query(ConnectionFactory factory, String sql, Function<Row, T> mapper) {
    return rows(factory, sql, mapper).collectList().block(Duration.ofSeconds(30));
  }

  /** The rows of a plain query on a new connection from the factory, without blocking. */
  public static <T> Flux<T> rows(ConnectionFactory factory, String sql, Function<Row, T> mapper) {
    return Flux.usingWhen(
        factory.create(),
        c ->
            Flux.from(c.createStatement(sql).execute())
                .concatMap(r -> r.map((row, meta) -> mapper.apply(row))),
        Connection::close);
  }

  /**
   * Terminates this application's server processes running a statement that contains {@code text}
   * (PostgreSQL); emits how many it terminated.
   */
  public static reactor.core.publisher.Mono<Long> terminate(String applicationName, String text) {
    return rows(
            postgresAdmin(),
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE application_name = '"
                + applicationName
                + "' AND state = 'active' AND query LIKE '%"
                + text
                + "%' "
                + "AND pid <> pg_backend_pid()",
            r -> r.get(0, Long.class))
        .single();
  }

  /** The number of this application's sessions in one of these states (PostgreSQL). */
  public static long sessions(String applicationName, String... states) {
    String in = String.join(", ", java.util.Arrays.stream(states).map(s -> "'" + s + "'").toList());
    return query(
            postgresAdmin(),
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                + applicationName
                + "' AND state IN ("
                + in
                + ") AND pid <> pg_backend_pid()",
            r -> r.get(0, Long.class))
        .get(0);
  }

  /**
   * The number of this application's sessions running a statement that contains {@code text}
   * (PostgreSQL).
   */
  public static long running(String applicationName, String text) {
    return query(
            postgresAdmin(),
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                + applicationName
                + "' AND state = 'active' AND query LIKE '%"
                + text
                + "%' AND pid <> pg_backend_pid()",
            r -> r.get(0, Long.class))
        .get(0);
  }

  /** Polls until the condition holds or the time is up; returns whether it held. */
  public static boolean await(Duration limit, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Waits a few seconds for every connection of the pool to be back, then asserts it. */
  public static void assertIdle(ConnectionPool pool) {
    await(Duration.ofSeconds(5), () -> acquired(pool) == 0);
    assertThat(acquired(pool)).as("connections still acquired from the pool").isZero();
  }

  public static int acquired(ConnectionPool pool) {
    return pool.getMetrics().orElseThrow().acquiredSize();
  }
}
