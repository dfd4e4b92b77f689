package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import io.r2orm.core.sql.Bind;
import io.r2orm.core.sql.SqlStatement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Runs one rendered statement on a given connection: binds its values, logs its SQL at DEBUG on
 * {@code io.r2orm.sql} (never the values), translates its errors and tells the {@link
 * StatementObserver} how it ended. Knows nothing about where the connection comes from. Not API.
 */
final class StatementRunner {
  private static final Logger SQL_LOG = LoggerFactory.getLogger("io.r2orm.sql");

  private final StatementObserver observer;

  StatementRunner(StatementObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer must not be null");
  }

  /**
   * The rows of a statement. {@code fetchSize} 0 reads the result in one go; more pages it through
   * the driver that many rows per round trip.
   */
  <T> Flux<T> rows(
      Connection connection,
      SqlStatement statement,
      BiFunction<Row, RowMetadata, T> mapper,
      int fetchSize) {
    return observed(
        statement.sql(),
        Flux.defer(
            () -> {
              Statement s = prepare(connection, statement);
              if (fetchSize > 0 && statement.generatedKeys().isEmpty()) {
                s.fetchSize(fetchSize);
              }
              // rows are read through ResultRows so that a cancelled stream leaks no driver buffer
              // (see there)
              return Flux.from(s.execute())
                  .concatMap(result -> ResultRows.map(result, mapper))
                  .doOnDiscard(Result.class, ResultRows::consume);
            }));
  }

  /** Runs a data-changing statement and emits the number of rows it changed. */
  Mono<Long> update(Connection connection, SqlStatement statement) {
    return observed(
            statement.sql(),
            Flux.defer(() -> Flux.from(prepare(connection, statement).execute()))
                .concatMap(Result::getRowsUpdated))
        .reduce(0L, Long::sum);
  }

  /** Translates errors and tells the observer how the statement ended. */
  private <T> Flux<T> observed(String sql, Flux<T> execution) {
    Flux<T> translated = execution.onErrorMap(e -> ErrorTranslator.translate(e, sql));
    if (observer == StatementObserver.NONE) {
      return translated;
    }
    // report before the terminal signal travels on, so that a caller who saw completion sees the
    // event
    // once per statement: a cancel that arrives after completion (next(), hasElements()) is not a
    // second event
    return Flux.defer(
        () -> {
          long start = System.nanoTime();
          AtomicBoolean reported = new AtomicBoolean();
          return translated
              .doOnComplete(() -> notifyOnce(reported, sql, start, SignalType.ON_COMPLETE, null))
              .doOnError(e -> notifyOnce(reported, sql, start, SignalType.ON_ERROR, e))
              .doOnCancel(() -> notifyOnce(reported, sql, start, SignalType.CANCEL, null));
        });
  }

  /** Runs a relation batch's query to its end and tells the observer what it loaded. */
  <T> Mono<List<T>> relationBatch(Class<?> entity, String relation, int batchSize, Flux<T> query) {
    if (observer == StatementObserver.NONE) {
      return query.collectList();
    }
    return Mono.defer(
        () -> {
          long start = System.nanoTime();
          return query
              .collectList()
              .doOnNext(
                  rows ->
                      observer.relationBatchLoaded(
                          entity,
                          relation,
                          batchSize,
                          rows.size(),
                          Duration.ofNanos(System.nanoTime() - start)));
        });
  }

  private void notifyOnce(
      AtomicBoolean reported, String sql, long start, SignalType signal, Throwable error) {
    if (reported.compareAndSet(false, true)) {
      StatementObserver.Outcome outcome =
          signal == SignalType.ON_ERROR
              ? StatementObserver.Outcome.ERROR
              : signal == SignalType.CANCEL
                  ? StatementObserver.Outcome.CANCEL
                  : StatementObserver.Outcome.COMPLETE;
      observer.statementEnded(sql, Duration.ofNanos(System.nanoTime() - start), outcome, error);
    }
  }

  private static Statement prepare(Connection connection, SqlStatement statement) {
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
