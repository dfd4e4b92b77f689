package io.r2orm.r2dbc.test;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import io.r2orm.r2dbc.Database;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A database for one test class: a pooled {@link ConnectionFactory} on a fresh PostgreSQL schema or
 * a fresh in-memory H2 database, and a {@link Database} over it. {@link #close()} drops the schema
 * (or shuts H2 down) and disposes the pool.
 *
 * <p>Where PostgreSQL comes from, in order: the URL in {@code R2ORM_TEST_POSTGRES_URL} (an R2DBC
 * URL such as {@code r2dbc:postgresql://user:pw@host:5432/db}); else the server on {@code
 * 127.0.0.1:5432} (user {@code postgres}, database {@code test}) if it answers; else a
 * Testcontainers PostgreSQL when Docker is available; else the test fails and says which of the
 * three to provide. See {@link PostgresLocator}.
 */
public final class TestDatabase implements AutoCloseable {
  private static final Option<String> SCHEMA = Option.valueOf("schema");

  private final Kind kind;
  private final String name;
  private final ConnectionPool pool;
  private final ConnectionFactory admin;
  private final Database db;

  /** The databases every integration test runs on. */
  public enum Kind {
    POSTGRES,
    H2;

    @Override
    public String toString() {
      return this == POSTGRES ? "PostgreSQL" : "H2";
    }
  }

  private TestDatabase(Kind kind, String name, ConnectionPool pool, ConnectionFactory admin) {
    this.kind = kind;
    this.name = name;
    this.pool = pool;
    this.admin = admin;
    this.db = Database.create(pool);
  }

  /** Opens a fresh database (schema) of this kind named after the test. */
  public static TestDatabase open(Kind kind, String testName) {
    String name =
        ("r2orm_"
                + testName.replaceAll("[^A-Za-z0-9]", "_")
                + "_"
                + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT);
    if (name.length() > 60) {
      name = name.substring(name.length() - 60);
    }
    return kind == Kind.POSTGRES ? postgres(name) : h2(name);
  }

  private static TestDatabase postgres(String schema) {
    ConnectionFactoryOptions base = PostgresLocator.options();
    ConnectionFactory admin = ConnectionFactories.get(base);
    execute(admin, "CREATE SCHEMA " + schema).block(Duration.ofSeconds(30));
    ConnectionFactory scoped =
        ConnectionFactories.get(base.mutate().option(SCHEMA, schema).build());
    return new TestDatabase(Kind.POSTGRES, schema, pool(scoped), admin);
  }

  private static TestDatabase h2(String name) {
    ConnectionFactory factory =
        ConnectionFactories.get("r2dbc:h2:mem:///" + name + "?options=DB_CLOSE_DELAY=-1");
    return new TestDatabase(Kind.H2, name, pool(factory), factory);
  }

  private static ConnectionPool pool(ConnectionFactory factory) {
    return new ConnectionPool(
        ConnectionPoolConfiguration.builder(factory)
            .initialSize(0)
            .maxSize(8)
            .maxAcquireTime(Duration.ofSeconds(30))
            .build());
  }

  public Kind kind() {
    return kind;
  }

  /** The r2orm entry point over the pool. */
  public Database db() {
    return db;
  }

  /** The pool (for its metrics in leak checks). */
  public ConnectionPool pool() {
    return pool;
  }

  /** The schema (PostgreSQL) or database name (H2). */
  public String name() {
    return name;
  }

  /** Runs plain SQL statements in order, for fixtures (never through the ORM under test). */
  public void sql(String... statements) {
    Flux.usingWhen(
            pool.create(),
            c ->
                Flux.fromArray(statements)
                    .concatMap(
                        s ->
                            Flux.from(c.createStatement(s).execute())
                                .concatMap(r -> r.getRowsUpdated())),
            Connection::close)
        .blockLast(Duration.ofSeconds(60));
  }

  /** Runs a plain SQL query and returns the first column of the first row, for assertions. */
  public <T> T queryOne(String sql, Class<T> type) {
    return Flux.usingWhen(
            pool.create(),
            c ->
                Flux.from(c.createStatement(sql).execute())
                    .concatMap(r -> r.map((row, m) -> row.get(0, type))),
            Connection::close)
        .blockFirst(Duration.ofSeconds(60));
  }

  /** Number of connections taken from the pool and not yet given back. */
  public int acquiredConnections() {
    return pool.getMetrics().map(m -> m.acquiredSize()).orElseThrow();
  }

  private static Mono<Void> execute(ConnectionFactory factory, String sql) {
    return Flux.usingWhen(
            factory.create(),
            c -> Flux.from(c.createStatement(sql).execute()).concatMap(r -> r.getRowsUpdated()),
            Connection::close)
        .then();
  }

  @Override
  public void close() {
    try {
      pool.disposeLater().block(Duration.ofSeconds(30));
    } finally {
      String cleanup =
          kind == Kind.POSTGRES ? "DROP SCHEMA IF EXISTS " + name + " CASCADE" : "SHUTDOWN";
      execute(admin, cleanup).block(Duration.ofSeconds(30));
    }
  }

  @Override
  public String toString() {
    return kind.toString();
  }
}
