package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import io.r2orm.core.sql.Bind;
import io.r2orm.core.sql.SqlStatement;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs rendered statements on R2DBC connections. Every operation takes a connection when
 * subscribed and gives it back on complete, on error and on cancel. SQL is logged at DEBUG on the
 * {@code io.r2orm.sql} logger, without bound values. Not API.
 */
public final class Executor {
  private static final Logger SQL_LOG = LoggerFactory.getLogger("io.r2orm.sql");

  private final ConnectionFactory connectionFactory;
  private final int fetchSize;

  public Executor(ConnectionFactory connectionFactory, int fetchSize) {
    this.connectionFactory = connectionFactory;
    this.fetchSize = fetchSize;
  }

  /** Runs work on one connection, released however the work ends. */
  public <T> Flux<T> withConnection(Function<Connection, Publisher<T>> work) {
    return Flux.usingWhen(
        connectionFactory.create(),
        work,
        Connection::close,
        (connection, error) -> connection.close(),
        Connection::close);
  }

  /** Runs work on one connection inside a transaction: commit on complete, rollback on error or cancel. */
  public <T> Flux<T> inTransaction(Function<Connection, Publisher<T>> work) {
    return withConnection(
        connection ->
            Flux.usingWhen(
                Mono.from(connection.beginTransaction()).thenReturn(connection),
                work,
                c -> c.commitTransaction(),
                (c, error) -> c.rollbackTransaction(),
                c -> c.rollbackTransaction()));
  }

  /** Streams the rows of a query, each mapped while the row is valid. */
  public <T> Flux<T> query(SqlStatement statement, BiFunction<Row, RowMetadata, T> mapper) {
    return withConnection(connection -> query(connection, statement, mapper));
  }

  /** The rows returned by a data-changing statement (no fetch size), on its own connection. */
  public <T> Flux<T> queryAll(SqlStatement statement, BiFunction<Row, RowMetadata, T> mapper) {
    return withConnection(connection -> queryAll(connection, statement, mapper));
  }

  /** Streams the rows of a query on the given connection, fetching {@code fetchSize} rows at a time. */
  public <T> Flux<T> query(Connection connection, SqlStatement statement, BiFunction<Row, RowMetadata, T> mapper) {
    return run(connection, statement, mapper, fetchSize);
  }

  /** The rows of a statement that changes data and returns rows (insert … returning), unpaged. */
  public <T> Flux<T> queryAll(Connection connection, SqlStatement statement, BiFunction<Row, RowMetadata, T> mapper) {
    return run(connection, statement, mapper, 0);
  }

  private <T> Flux<T> run(Connection connection, SqlStatement statement, BiFunction<Row, RowMetadata, T> mapper, int fetch) {
    return Flux.defer(
            () -> {
              Statement s = prepare(connection, statement);
              if (fetch > 0 && statement.generatedKeys().isEmpty()) {
                s.fetchSize(fetch);
              }
              return Flux.from(s.execute()).concatMap(result -> result.map(mapper));
            })
        .onErrorMap(e -> ErrorTranslator.translate(e, statement.sql()));
  }

  /** Runs a data-changing statement and emits the number of rows it changed. */
  public Mono<Long> update(SqlStatement statement) {
    return withConnection(connection -> update(connection, statement)).singleOrEmpty().defaultIfEmpty(0L);
  }

  /** Runs a data-changing statement on the given connection and emits the number of rows changed. */
  public Mono<Long> update(Connection connection, SqlStatement statement) {
    return Flux.defer(() -> Flux.from(prepare(connection, statement).execute()))
        .concatMap(Result::getRowsUpdated)
        .reduce(0L, Long::sum)
        .onErrorMap(e -> ErrorTranslator.translate(e, statement.sql()));
  }

  private Statement prepare(Connection connection, SqlStatement statement) {
    if (SQL_LOG.isDebugEnabled()) {
      SQL_LOG.debug("Executing SQL: {}", statement.sql());
    }
    Statement s = connection.createStatement(statement.sql());
    List<Bind> binds = statement.binds();
    for (int i = 0; i < binds.size(); i++) {
      Bind b = binds.get(i);
      if (b.value() == null) {
        s.bindNull(i, b.type());
      } else {
        s.bind(i, b.value());
      }
    }
    if (!statement.generatedKeys().isEmpty()) {
      s.returnGeneratedValues(statement.generatedKeys().toArray(String[]::new));
    }
    return s;
  }
}
