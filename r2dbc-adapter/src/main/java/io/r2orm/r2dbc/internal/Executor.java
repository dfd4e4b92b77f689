package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2orm.core.exception.ConnectionFailureException;
import io.r2orm.core.exception.ConnectionTimeoutException;
import io.r2orm.core.exception.QueryTimeoutException;
import io.r2orm.core.exception.R2ormException;
import io.r2orm.core.exception.StatementException;
import io.r2orm.r2dbc.TransactionOptions;
import io.r2orm.core.sql.Bind;
import io.r2orm.core.sql.SqlStatement;
import io.r2orm.r2dbc.StatementEvent;
import io.r2orm.r2dbc.StatementListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Runs rendered statements on R2DBC connections. Outside a transaction every operation takes a
 * connection when subscribed and gives it back on complete, on error and on cancel. Inside a
 * transaction (a connection in the Reactor {@link Context} under this executor's key) every
 * operation joins that connection. SQL is logged at DEBUG on the {@code io.r2orm.sql} logger,
 * without bound values, and every statement is reported to the listeners when it ends. Not API.
 */
public final class Executor {
  private static final Logger SQL_LOG = LoggerFactory.getLogger("io.r2orm.sql");
  private static final AtomicLong CURSORS = new AtomicLong();
  private static final AtomicLong SAVEPOINTS = new AtomicLong();

  private final ConnectionFactory connectionFactory;
  private final int fetchSize;
  private final List<StatementListener> listeners;
  private final Duration statementTimeout;
  private final Object transactionKey = new Object();
  private final io.r2orm.r2dbc.ExternalTransactions external;

  public Executor(ConnectionFactory connectionFactory, int fetchSize, List<StatementListener> listeners,
      Duration statementTimeout) {
    this(connectionFactory, fetchSize, listeners, statementTimeout, null);
  }

  public Executor(ConnectionFactory connectionFactory, int fetchSize, List<StatementListener> listeners,
      Duration statementTimeout, io.r2orm.r2dbc.ExternalTransactions external) {
    this.connectionFactory = connectionFactory;
    this.fetchSize = fetchSize;
    this.listeners = List.copyOf(listeners);
    this.statementTimeout = statementTimeout;
    this.external = external;
  }

  /**
   * Runs work that decides by itself how to use a transaction (streaming with a cursor) so that it
   * sees an external transaction, when the subscriber runs in one, as this executor's own.
   */
  public <T> Flux<T> seeingExternal(Supplier<Flux<T>> work) {
    if (external == null) {
      return Flux.defer(work);
    }
    return Flux.deferContextual(context -> transactionConnection(context).isPresent()
        ? work.get()
        : joinExternal(c -> work.get(), work));
  }

  /**
   * Runs work on an external transaction's connection when the subscriber runs in one; otherwise
   * runs {@code otherwise}.
   */
  private <T> Flux<T> joinExternal(Function<Connection, ? extends Publisher<T>> work, Supplier<Flux<T>> otherwise) {
    if (external == null) {
      return otherwise.get();
    }
    return external.join()
        .map(java.util.Optional::of)
        .defaultIfEmpty(java.util.Optional.empty())
        .flatMapMany(joined -> joined.isEmpty() ? otherwise.get()
            : Flux.usingWhen(Mono.just(new Transaction.Bound(joined.get())),
                b -> Flux.<T>from(work.apply(b.connection())).contextWrite(Context.of(transactionKey, b)),
                b -> leave(b), (b, e) -> leave(b), b -> leave(b)));
  }

  private Publisher<Void> leave(Transaction.Bound bound) {
    bound.end();
    return external.leave(bound.connection());
  }

  /** The transaction's connection, if the subscriber runs inside one of this executor's transactions. */
  public Optional<Connection> transactionConnection(ContextView context) {
    return context.<Transaction.Bound>getOrEmpty(transactionKey).map(Transaction.Bound::connection);
  }

  private static <T> Flux<T> onBound(Transaction.Bound bound, Function<Connection, ? extends Publisher<T>> work) {
    return Flux.from(bound.run(work, () -> new IllegalStateException("The transaction has already ended (committed, "
        + "rolled back or cancelled), so this statement was not run; keep every statement of a transaction inside the "
        + "publisher returned to transaction(...)")));
  }

  /** Runs work on the transaction's connection, or on a pooled one released however the work ends. */
  public <T> Flux<T> withConnection(Function<Connection, ? extends Publisher<T>> work) {
    return Flux.deferContextual(context -> {
      Optional<Transaction.Bound> tx = context.getOrEmpty(transactionKey);
      if (tx.isPresent()) {
        return onBound(tx.get(), work);
      }
      return joinExternal(work, () -> Flux.usingWhen(acquire(), work, Connection::close,
          (connection, error) -> release(connection, error), Connection::close));
    });
  }

  /**
   * Runs work in a transaction: commit on complete, rollback on error and on cancel. Every r2orm
   * call inside, however deep, joins it through the Reactor context. Inside an existing
   * transaction the work joins it, or runs in a savepoint when the options ask for nesting.
   */
  public <T> Flux<T> inTransaction(TransactionOptions options, Function<Connection, ? extends Publisher<T>> work) {
    return Flux.deferContextual(context -> {
      Optional<Transaction.Bound> tx = context.getOrEmpty(transactionKey);
      if (tx.isPresent()) {
        return options.propagation() == TransactionOptions.Propagation.NESTED
            ? onBound(tx.get(), c -> savepoint(c, options, work))
            : onBound(tx.get(), work);
      }
      return joinExternal(
          c -> options.propagation() == TransactionOptions.Propagation.NESTED ? savepoint(c, options, work) : work.apply(c),
          () -> ownTransaction(options, work));
    });
  }

  private <T> Flux<T> ownTransaction(TransactionOptions options, Function<Connection, ? extends Publisher<T>> work) {
    return Flux.usingWhen(acquire().map(Transaction::new),
          t -> t.begin(definition(options))
              .thenMany(Flux.defer(() -> limited(Flux.from(work.apply(t.connection())), options))
                  .contextWrite(Context.of(transactionKey, t.bound())))
              // the commit ends the work's own sequence: it can fail too (deferred constraints, serialization
              // failures), and as usingWhen's completion callback its error would reach the caller wrapped in a
              // plain RuntimeException; here it is translated like a statement's and rolls back like any failure
              .concatWith(t.commit().then(Mono.empty())),
          Transaction::close,
          (t, error) -> broken(error) ? discard(t.connection()) : t.rollbackAndClose(),
          Transaction::rollbackAndClose);
  }

  /** Runs work on one connection inside a transaction with default options. */
  public <T> Flux<T> inTransaction(Function<Connection, ? extends Publisher<T>> work) {
    return inTransaction(TransactionOptions.defaults(), work);
  }

  private <T> Flux<T> savepoint(Connection c, TransactionOptions options, Function<Connection, ? extends Publisher<T>> work) {
    String name = "r2orm_savepoint_" + SAVEPOINTS.incrementAndGet();
    return Flux.usingWhen(
        Mono.from(c.createSavepoint(name)).thenReturn(c),
        connection -> limited(Flux.from(work.apply(connection)), options),
        connection -> connection.releaseSavepoint(name),
        (connection, error) -> connection.rollbackTransactionToSavepoint(name),
        connection -> connection.rollbackTransactionToSavepoint(name));
  }

  private static <T> Flux<T> limited(Flux<T> work, TransactionOptions options) {
    if (options.timeout() == null) {
      return work;
    }
    // one deadline for the whole work: timeout(Duration) alone would restart the clock at every element
    return Flux.defer(() -> {
      long deadline = System.nanoTime() + options.timeout().toNanos();
      Supplier<Mono<Long>> remaining = () -> Mono.delay(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      return work.timeout(remaining.get(), element -> remaining.get());
    }).onErrorMap(java.util.concurrent.TimeoutException.class,
        e -> new QueryTimeoutException("Transaction exceeded its timeout of " + options.timeout()
            + " and was rolled back", null, null, e));
  }

  private static TransactionDefinition definition(TransactionOptions options) {
    return new TransactionDefinition() {
      @Override
      @SuppressWarnings("unchecked")
      public <V> V getAttribute(Option<V> option) {
        if (option.equals(TransactionDefinition.ISOLATION_LEVEL)) {
          return (V) options.isolation();
        }
        if (option.equals(TransactionDefinition.READ_ONLY)) {
          return (V) Boolean.valueOf(options.readOnly());
        }
        return null;
      }
    };
  }

  /**
   * A pooled connection with the statement timeout applied; acquisition failures say what to do.
   * Once the connection is handed over, cancelling the returned Mono no longer reaches the pool:
   * r2dbc-pool gives a connection back when its acquisition is cancelled even after it was emitted,
   * and Reactor cancels a resource that emitted but has not completed yet (Flux.usingWhen, when the
   * subscriber cancels from another thread at that moment), so the pool could lend the connection
   * to the next user while this one still runs its statements or its rollback. Cancelled before the
   * hand-over, the connection is closed as soon as it arrives.
   */
  private Mono<Connection> acquire() {
    return Mono.defer(() -> {
      Mono<Connection> connection = Mono.<Connection>from(connectionFactory.create())
          .onErrorMap(e -> !(e instanceof R2ormException), Executor::acquisitionFailure);
      if (statementTimeout != null) {
        connection = connection.flatMap(c -> Mono.from(c.setStatementTimeout(statementTimeout)).thenReturn(c)
            .onErrorResume(e -> Mono.from(c.close()).then(Mono.error(ErrorTranslator.translate(e, "SET statement timeout")))));
      }
      CompletableFuture<Connection> ready = connection.toFuture();
      AtomicBoolean claimed = new AtomicBoolean();
      return Mono.fromFuture(ready, true)
          .filter(c -> claimed.compareAndSet(false, true))
          .doOnCancel(() -> {
            if (claimed.compareAndSet(false, true)) {
              ready.thenAccept(c -> Mono.from(c.close()).subscribe(null, e -> SQL_LOG.debug("Closing an unclaimed connection failed", e)));
            }
          });
    });
  }


  /**
   * Gives a connection back after a failure. When the connection itself failed (terminated server
   * process, reset socket), the physical connection under the pool's wrapper is closed first, so
   * the pool's validation discards it instead of lending it again before the driver noticed.
   */
  private static Publisher<Void> release(Connection connection, Throwable error) {
    return broken(error) ? discard(connection) : connection.close();
  }

  private static boolean broken(Throwable error) {
    return error instanceof io.r2orm.core.exception.ConnectionFailureException
        && !(error instanceof io.r2orm.core.exception.ConnectionTimeoutException);
  }

  private static Mono<Void> discard(Connection connection) {
    Mono<Void> physical = Mono.empty();
    if (connection instanceof io.r2dbc.spi.Wrapped<?> wrapped && wrapped.unwrap() instanceof Connection inner) {
      physical = Mono.from(inner.close()).onErrorResume(e -> Mono.empty());
    }
    return physical.then(Mono.from(connection.close()).onErrorResume(e -> Mono.empty()));
  }

  private static Throwable acquisitionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException || t instanceof io.r2dbc.spi.R2dbcTimeoutException) {
        return new ConnectionTimeoutException("Timed out waiting for a connection: every pooled connection is busy ("
            + e.getMessage() + "); raise the pool's maxSize or maxAcquireTime, lower the concurrency, or check for "
            + "subscriptions that are never cancelled", e);
      }
    }
    return new ConnectionFailureException("Could not open a connection: " + e.getMessage(), null, null, e);
  }

  /** Streams the rows of a query, fetching {@code fetchSize} rows at a time. */
  public <T> Flux<T> query(SqlStatement statement, BiFunction<Row, RowMetadata, T> mapper) {
    return withConnection(connection -> run(connection, statement, mapper, fetchSize));
  }

  /** The rows of a statement that changes data and returns rows (insert … returning), unpaged. */
  public <T> Flux<T> queryAll(SqlStatement statement, BiFunction<Row, RowMetadata, T> mapper) {
    return withConnection(connection -> run(connection, statement, mapper, 0));
  }

  /** The rows of a statement on the given connection, unpaged and read to the end. */
  public <T> Flux<T> queryAll(Connection connection, SqlStatement statement, BiFunction<Row, RowMetadata, T> mapper) {
    return run(connection, statement, mapper, 0);
  }

  /** Runs a data-changing statement and emits the number of rows it changed. */
  public Mono<Long> update(SqlStatement statement) {
    return withConnection(connection -> update(connection, statement)).singleOrEmpty().defaultIfEmpty(0L);
  }

  /** Runs a data-changing statement on the given connection and emits the number of rows changed. */
  public Mono<Long> update(Connection connection, SqlStatement statement) {
    return observed(statement, Flux.defer(() -> Flux.from(prepare(connection, statement).execute()))
        .concatMap(Result::getRowsUpdated))
        .reduce(0L, Long::sum);
  }

  /**
   * Streams a query in windows through a server-side cursor on the transaction's connection:
   * {@code DECLARE}, then {@code FETCH n} — each a complete statement, read to its end — and the
   * window's processing, strictly one after the other, then {@code CLOSE}. The next {@code FETCH}
   * is sent only when the previous window's publisher completed, whatever the downstream demand,
   * so other statements (relation queries, the caller's writes) run between windows and streaming
   * inside a transaction cannot deadlock.
   */
  public <R, T> Flux<T> cursor(Connection connection, SqlStatement select, BiFunction<Row, RowMetadata, R> mapper,
      int window, Function<List<R>, ? extends Publisher<T>> perWindow) {
    String name = "r2orm_cursor_" + CURSORS.incrementAndGet();
    SqlStatement declare = new SqlStatement("DECLARE " + name + " NO SCROLL CURSOR FOR " + select.sql(), select.binds());
    SqlStatement fetch = new SqlStatement("FETCH FORWARD " + window + " FROM " + name, List.of());
    SqlStatement close = new SqlStatement("CLOSE " + name, List.of());
    return Flux.usingWhen(
        update(connection, declare),
        declared -> {
          AtomicBoolean exhausted = new AtomicBoolean();
          return Flux.range(0, Integer.MAX_VALUE)
              .takeWhile(i -> !exhausted.get())
              .concatMap(i -> run(connection, fetch, mapper, 0)
                  // a failure while fetching is the select's failure: report its SQL, not the FETCH
                  .onErrorMap(e -> e instanceof StatementException s && s.sql() == fetch.sql(),
                      e -> ErrorTranslator.translate(e.getCause(), select.sql()))
                  .collectList().flatMapMany(rows -> {
                if (rows.size() < window) {
                  exhausted.set(true);
                }
                return rows.isEmpty() ? Flux.<T>empty() : Flux.<T>from(perWindow.apply(rows));
              }), 0);
        },
        declared -> update(connection, close),
        (declared, error) -> update(connection, close).onErrorResume(e -> Mono.empty()),
        declared -> update(connection, close).onErrorResume(e -> Mono.empty()));
  }

  private <T> Flux<T> run(Connection connection, SqlStatement statement, BiFunction<Row, RowMetadata, T> mapper, int fetch) {
    return observed(statement, Flux.defer(() -> {
      Statement s = prepare(connection, statement);
      if (fetch > 0 && statement.generatedKeys().isEmpty()) {
        s.fetchSize(fetch);
      }
      return Flux.from(s.execute()).concatMap(result -> result.map(mapper));
    }));
  }

  /** Translates errors and tells the listeners how the statement ended. */
  private <T> Flux<T> observed(SqlStatement statement, Flux<T> execution) {
    Flux<T> translated = execution.onErrorMap(e -> ErrorTranslator.translate(e, statement.sql()));
    if (listeners.isEmpty()) {
      return translated;
    }
    // notify before the terminal signal travels on, so that a caller who saw completion sees the event
    return Flux.defer(() -> {
      long start = System.nanoTime();
      return translated
          .doOnComplete(() -> notifyListeners(statement.sql(), start, SignalType.ON_COMPLETE, null))
          .doOnError(e -> notifyListeners(statement.sql(), start, SignalType.ON_ERROR, e))
          .doOnCancel(() -> notifyListeners(statement.sql(), start, SignalType.CANCEL, null));
    });
  }

  /** Runs a relation batch's query to its end and tells the listeners what it loaded. */
  public <T> Mono<List<T>> relationBatch(Class<?> entity, String relation, int batchSize, Flux<T> query) {
    if (listeners.isEmpty()) {
      return query.collectList();
    }
    return Mono.defer(() -> {
      long start = System.nanoTime();
      return query.collectList().doOnNext(rows -> {
        io.r2orm.r2dbc.RelationBatchEvent event = new io.r2orm.r2dbc.RelationBatchEvent(entity, relation, batchSize,
            rows.size(), Duration.ofNanos(System.nanoTime() - start));
        for (StatementListener listener : listeners) {
          try {
            listener.onRelationBatch(event);
          } catch (RuntimeException e) {
            SQL_LOG.warn("Statement listener {} failed", listener, e);
          }
        }
      });
    });
  }

  private void notifyListeners(String sql, long start, SignalType signal, Throwable error) {
    StatementEvent.Outcome outcome = signal == SignalType.ON_ERROR ? StatementEvent.Outcome.ERROR
        : signal == SignalType.CANCEL ? StatementEvent.Outcome.CANCEL : StatementEvent.Outcome.COMPLETE;
    StatementEvent event = new StatementEvent(sql, Duration.ofNanos(System.nanoTime() - start), outcome, error);
    for (StatementListener listener : listeners) {
      try {
        listener.onStatement(event);
      } catch (RuntimeException e) {
        SQL_LOG.warn("Statement listener {} failed", listener, e);
      }
    }
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
