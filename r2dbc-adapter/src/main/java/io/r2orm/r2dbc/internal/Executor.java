package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2orm.core.sql.SqlStatement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The execution planner: decides, for every statement r2orm runs, which connection it runs on and
 * how its rows are read, so that every read path has the same guarantees inside and outside
 * transactions.
 *
 * <ul>
 *   <li>Outside a unit of work, a statement takes a pooled connection when subscribed and gives it
 *       back on complete, error and cancel; a long read is paged by the driver ({@code fetchSize}).
 *   <li>Inside one (a {@link Session} in the Reactor context: a transaction, or a read that needs
 *       several statements), every statement joins its connection. A result read there is read to
 *       its end before its rows are emitted — bounded reads in one statement, long ones through a
 *       cursor a window at a time ({@link CursorReader}) — so the caller's own statements, run
 *       between rows, never wait behind an open result on the same connection.
 *   <li>A stream with relations never holds two connections: its parents and relation batches share
 *       one (see {@link #streamWindows}).
 * </ul>
 *
 * Not API.
 */
public final class Executor {
  /**
   * Parents and relation batches of a long stream outside a transaction: one snapshot, no writes.
   */
  private static final TransactionSpec SNAPSHOT_READ =
      new TransactionSpec(IsolationLevel.REPEATABLE_READ, true, null, false, false);

  private final ConnectionSource source;
  private final StatementRunner statements;
  private final CursorReader cursors;
  private final TransactionRunner transactions;

  /** The read replicas (with the fallback chosen for them), or null without replicas. */
  private final ConnectionSource replicas;

  /** Read-only transactions on the replicas, or null without replicas. */
  private final TransactionRunner replicaTransactions;

  /** Statements outside transactions run on the replicas ({@code onReplica()}). */
  private final boolean onReplica;

  /** The statement timeout set for one transaction at a time, or null (see the constructor). */
  private final String localTimeout;

  private final int fetchSize;

  /** Rows a probe reads before a result counts as long (the fetch window). */
  private final int probeRows;

  private final boolean cursorsSupported;

  /** Transactions managed outside r2orm that statements join, or null. */
  private final ExternalJoin external;

  /** The context key sessions travel under; shared by every view of this executor. */
  private final Object key;

  /** For a transaction handle: the session it belongs to; null for the database's own executor. */
  private final Session expected;

  /**
   * An executor over a connection factory. {@code observer} hears about every statement ({@link
   * StatementObserver#NONE} for none); {@code external} joins transactions managed outside r2orm,
   * or is null.
   */
  public Executor(
      ConnectionFactory connectionFactory,
      boolean cursorsSupported,
      int fetchSize,
      int probeRows,
      StatementObserver observer,
      Duration statementTimeout,
      ExternalJoin external) {
    this(
        connectionFactory,
        List.of(),
        false,
        cursorsSupported,
        fetchSize,
        probeRows,
        observer,
        statementTimeout,
        null,
        external);
  }

  /**
   * An executor over a primary and read replicas: read-only transactions (except SERIALIZABLE ones,
   * which a hot standby cannot run) take a replica connection, in turn when there are several;
   * everything else runs on the primary. {@code fallbackToPrimary}: when no replica can be reached,
   * their work runs on the primary instead of failing. {@code localTimeout}: the statement that
   * sets {@code statementTimeout} for one transaction (PostgreSQL's {@code SET LOCAL}), or null to
   * set it on each connection taken; with it, statements outside transactions run in a transaction
   * of their own, so that no setting outlives the work (a pooler in transaction mode hands the
   * server connection on).
   */
  public Executor(
      ConnectionFactory connectionFactory,
      List<ConnectionFactory> replicaFactories,
      boolean fallbackToPrimary,
      boolean cursorsSupported,
      int fetchSize,
      int probeRows,
      StatementObserver observer,
      Duration statementTimeout,
      String localTimeout,
      ExternalJoin external) {
    this.probeRows = probeRows;
    Duration sessionTimeout = localTimeout == null ? statementTimeout : null;
    this.localTimeout = localTimeout;
    this.source = new ConnectionSource(connectionFactory, sessionTimeout);
    this.replicas =
        replicaFactories.isEmpty()
            ? null
            : new ConnectionSource(
                replicaFactories, sessionTimeout, fallbackToPrimary ? source : null);
    this.statements =
        new StatementRunner(Objects.requireNonNull(observer, "observer must not be null"));
    this.cursors = new CursorReader(statements);
    this.transactions = new TransactionRunner(source, localTimeout);
    this.replicaTransactions =
        replicas == null ? null : new TransactionRunner(replicas, localTimeout);
    this.onReplica = false;
    this.fetchSize = fetchSize;
    this.cursorsSupported = cursorsSupported;
    this.external = external;
    this.key = new Object();
    this.expected = null;
  }

  private Executor(Executor root, Session expected, boolean onReplica) {
    this.source = root.source;
    this.statements = root.statements;
    this.cursors = root.cursors;
    this.transactions = root.transactions;
    this.replicas = root.replicas;
    this.replicaTransactions = root.replicaTransactions;
    this.onReplica = onReplica;
    this.localTimeout = root.localTimeout;
    this.fetchSize = root.fetchSize;
    this.probeRows = root.probeRows;
    this.cursorsSupported = root.cursorsSupported;
    this.external = root.external;
    this.key = root.key;
    this.expected = expected;
  }

  /**
   * This executor with its statements outside transactions (reads, and writes, which a replica
   * refuses) run on the read replicas; without replicas, this executor itself.
   */
  public Executor onReplica() {
    return replicas == null || onReplica ? this : new Executor(this, expected, true);
  }

  /**
   * Runs work outside any transaction on a connection of its own: taken from the primary, or the
   * replicas for the replica view; with a transaction-local statement timeout, inside a transaction
   * that wraps just this work.
   */
  private <T> Flux<T> alone(Function<Connection, ? extends Publisher<T>> work) {
    if (localTimeout == null) {
      return (onReplica ? replicas : source).using(work);
    }
    return autocommitTransactions().own(TransactionSpec.DEFAULTS, s -> on(s, work), false);
  }

  private TransactionRunner autocommitTransactions() {
    return onReplica ? replicaTransactions : transactions;
  }

  /**
   * Who runs a transaction of these options: a read-only one on the replicas, when there are any.
   */
  private TransactionRunner runner(TransactionSpec options) {
    boolean replicaCan =
        options.readOnly() && !IsolationLevel.SERIALIZABLE.equals(options.isolation());
    return replicaTransactions != null && replicaCan ? replicaTransactions : transactions;
  }

  static IllegalStateException ended() {
    return new IllegalStateException(
        "The transaction has already ended (committed, rolled back or cancelled), so this "
            + "statement was not run; keep every statement of a transaction inside the publisher returned to transaction(...)");
  }

  /**
   * The session the subscriber runs in, if any. A transaction handle checks that it is used inside
   * its own transaction: subscribed anywhere else (a detached {@code subscribe()}, a publisher kept
   * and subscribed after the transaction ended, another transaction), its statements would run
   * outside the transaction and autocommit, so it fails instead.
   */
  private Optional<Session> current(ContextView context) {
    Session session = context.getOrDefault(key, null);
    if (expected != null && session != expected) {
      if (expected.ended()) {
        throw ended();
      }
      throw new IllegalStateException(
          "A transaction's handle was used outside the transaction's own sequence (a "
              + "detached subscribe(), a publisher subscribed on its own, or another transaction), where its statements would "
              + "not be part of the transaction; return them from the transaction's work, composed with flatMap/concatMap/then");
    }
    return Optional.ofNullable(session);
  }

  private <T> Flux<T> on(Session session, Function<Connection, ? extends Publisher<T>> work) {
    return Flux.from(session.run(work, Executor::ended));
  }

  /**
   * Runs work in the subscriber's session; outside one, in the external transaction the subscriber
   * runs in (Spring's), or else as {@code otherwise}.
   */
  private <T> Flux<T> inSession(
      Function<Session, ? extends Publisher<T>> work, Supplier<? extends Publisher<T>> otherwise) {
    return Flux.deferContextual(
        context -> {
          Optional<Session> session = current(context);
          if (session.isPresent()) {
            return work.apply(session.get());
          }
          if (external == null) {
            return otherwise.get();
          }
          return external
              .join()
              .map(Optional::of)
              .defaultIfEmpty(Optional.empty())
              .flatMapMany(
                  joined ->
                      joined.isEmpty()
                          ? otherwise.get()
                          : Flux.usingWhen(
                              Mono.fromSupplier(() -> Session.joining(joined.get())),
                              s -> Flux.<T>from(work.apply(s)).contextWrite(Context.of(key, s)),
                              s -> leave(s),
                              (s, e) -> leave(s),
                              s -> leave(s)));
        });
  }

  private Publisher<Void> leave(Session session) {
    return session
        .end()
        .doFinally(signal -> session.leave())
        .then(Mono.from(external.leave(session.connection())));
  }

  // ---------------------------------------------------------------- reads

  /**
   * The rows of a query. {@code bounded}: the caller knows the result is short (by id, a limit up
   * to the fetch size, count, a relation batch), so it is one statement, unpaged, everywhere.
   * Otherwise: outside a unit of work, one statement paged by the driver ({@code fetchSize} rows
   * per round trip); inside one, where there are cursors, first {@code limited} (the query cut to
   * one probe of rows and one more, null if it cannot be cut) — a result that fits ends there, one
   * statement — and a longer one is read again through a cursor, {@code fetchSize} rows at a time.
   * Without cursors, or with {@code fetchSize} 0, one statement read to its end.
   */
  public <T> Flux<T> read(
      SqlStatement statement,
      IntFunction<SqlStatement> limited,
      BiFunction<Row, RowMetadata, T> mapper,
      boolean bounded) {
    return inSession(
        session -> {
          if (bounded || !cursorsSupported || fetchSize == 0) {
            return readToEnd(session, statement, mapper);
          }
          return probed(
              session,
              statement,
              limited,
              mapper,
              Math.min(probeRows, fetchSize),
              rows -> Flux.fromIterable(rows),
              () -> cursors.read(session, statement, mapper, fetchSize, Flux::fromIterable, true));
        },
        () -> alone(c -> statements.rows(c, statement, mapper, bounded ? 0 : fetchSize)));
  }

  /**
   * A read that is one statement, unpaged: by id, count, exists, a limit within the fetch size, a
   * relation batch.
   */
  public <T> Flux<T> read(SqlStatement statement, BiFunction<Row, RowMetadata, T> mapper) {
    return read(statement, null, mapper, true);
  }

  /**
   * Reads {@code limited(rows + 1)} to its end: when it has at most {@code rows} rows they are the
   * whole result, given to {@code fits}; otherwise {@code longer} reads the result in full.
   */
  private <R, T> Flux<T> probed(
      Session session,
      SqlStatement statement,
      IntFunction<SqlStatement> limited,
      BiFunction<Row, RowMetadata, R> mapper,
      int rows,
      Function<List<R>, ? extends Publisher<T>> fits,
      Supplier<Flux<T>> longer) {
    if (limited == null) {
      return longer.get();
    }
    return on(session, c -> statements.rows(c, limited.apply(rows + 1), mapper, 0))
        .collectList()
        .flatMapMany(
            first -> first.size() <= rows ? Flux.<T>from(fits.apply(first)) : longer.get());
  }

  /**
   * Whether a query with this limit (null: none) is short enough to read in one statement, unpaged.
   */
  public boolean bounded(Long limit) {
    return limit != null && limit <= fetchSize;
  }

  /** One statement on the session's connection, read to its end before its rows are emitted. */
  private <T> Flux<T> readToEnd(
      Session session, SqlStatement statement, BiFunction<Row, RowMetadata, T> mapper) {
    return on(session, c -> statements.rows(c, statement, mapper, 0))
        .collectList()
        .flatMapIterable(rows -> rows);
  }

  /**
   * Streams the parents of a fetch plan a window at a time, each window processed by {@code
   * perWindow} (its relation batches) before the next is read, on one connection at a time. Inside
   * a unit of work: on its connection; a result that may be longer than a window is first probed
   * ({@code limited} to a window and one row: a result that fits costs that one statement) and
   * otherwise read through a cursor. Outside: a bounded result is one statement on a connection
   * taken for the stream; an unbounded one is probed the same way, and a longer one is read again
   * from the start in a read-only REPEATABLE READ transaction through a cursor, so that its parents
   * and relations all come from one snapshot.
   */
  public <R, T> Flux<T> streamWindows(
      SqlStatement parents,
      IntFunction<SqlStatement> limited,
      BiFunction<Row, RowMetadata, R> mapper,
      int window,
      boolean bounded,
      Function<List<R>, ? extends Publisher<T>> perWindow) {
    boolean cursor = !bounded && cursorsSupported && fetchSize > 0;
    Function<List<R>, Flux<T>> oneWindow =
        rows -> rows.isEmpty() ? Flux.empty() : Flux.from(perWindow.apply(rows));
    return inSession(
        session ->
            !cursor
                ? readToEnd(session, parents, mapper).buffer(window).concatMap(perWindow, 0)
                : probed(
                    session,
                    parents,
                    limited,
                    mapper,
                    window,
                    oneWindow,
                    () -> cursors.read(session, parents, mapper, window, perWindow, true)),
        () -> {
          if (!cursor) {
            return session(() -> streamWindows(parents, limited, mapper, window, true, perWindow));
          }
          AtomicBoolean longer = new AtomicBoolean();
          Flux<T> first =
              session(
                  () ->
                      inSession(
                          s ->
                              probed(
                                  s,
                                  parents,
                                  limited,
                                  mapper,
                                  window,
                                  oneWindow,
                                  () -> {
                                    longer.set(true);
                                    return Flux.<T>empty();
                                  }),
                          Flux::empty));
          return first.concatWith(
              Flux.defer(
                  () ->
                      !longer.get()
                          ? Flux.<T>empty()
                          : autocommitTransactions()
                              .own(
                                  SNAPSHOT_READ,
                                  s ->
                                      cursors
                                          .read(s, parents, mapper, window, perWindow, false)
                                          .contextWrite(Context.of(key, s)))));
        });
  }

  /**
   * Runs work that sends several statements on one connection: the subscriber's unit of work, or a
   * connection taken for the work and given back when it ends (no transaction: each statement
   * commits on its own — except with a transaction-local statement timeout, where the work runs in
   * one transaction so that the timeout applies and leaves nothing behind).
   */
  public <T> Flux<T> session(Supplier<? extends Publisher<T>> work) {
    if (localTimeout != null) {
      return inSession(
          s -> work.get(),
          () ->
              autocommitTransactions()
                  .own(
                      TransactionSpec.DEFAULTS,
                      s -> Flux.<T>from(work.get()).contextWrite(Context.of(key, s)),
                      false));
    }
    return inSession(
        s -> work.get(),
        () ->
            (onReplica ? replicas : source)
                .using(
                    c -> new Session(c, false),
                    Session::connection,
                    s -> Flux.<T>from(work.get()).contextWrite(Context.of(key, s)),
                    s -> s.end().then(Mono.from(s.connection().close())),
                    (s, error) ->
                        s.end().then(Mono.from(ConnectionSource.release(s.connection(), error))),
                    s -> s.end().then(Mono.from(s.connection().close()))));
  }

  /** Runs a data-changing statement and emits the number of rows it changed. */
  public Mono<Long> update(SqlStatement statement) {
    return inSession(
            session -> on(session, c -> statements.update(c, statement)),
            () -> alone(c -> statements.update(c, statement)))
        .singleOrEmpty()
        .defaultIfEmpty(0L);
  }

  /** Runs a relation batch's query to its end and tells the observer what it loaded. */
  public <T> Mono<List<T>> relationBatch(
      Class<?> entity, String relation, int batchSize, Flux<T> query) {
    return statements.relationBatch(entity, relation, batchSize, query);
  }

  // ---------------------------------------------------------------- transactions

  /**
   * Runs work in a transaction: commit on complete, rollback on error and on cancel. The work gets
   * this executor bound to the transaction (statements made with it fail outside the transaction).
   * Inside an existing transaction the work joins it (a failure marks it rollback-only), or runs in
   * a savepoint when the options ask for nesting or for a rollback-only transaction (only its own
   * work is undone).
   */
  public <T> Flux<T> inTransaction(
      TransactionSpec options, Function<Executor, ? extends Publisher<T>> work) {
    Function<Session, Publisher<T>> bound = s -> work.apply(new Executor(this, s, false));
    return inSession(
        session -> {
          if (!session.transactional()) {
            // a transaction started inside a stream's own read: it gets a connection of its own
            return ownTransaction(options, bound);
          }
          return options.nested() || options.rollbackOnly()
              ? transactions.savepoint(session, options, bound)
              : TransactionRunner.joined(session, bound);
        },
        () -> ownTransaction(options, bound));
  }

  private <T> Flux<T> ownTransaction(
      TransactionSpec options, Function<Session, Publisher<T>> work) {
    return runner(options)
        .own(options, s -> Flux.from(work.apply(s)).contextWrite(Context.of(key, s)));
  }

  /** Runs work in a transaction with default options. */
  public <T> Flux<T> inTransaction(Function<Executor, ? extends Publisher<T>> work) {
    return inTransaction(TransactionSpec.DEFAULTS, work);
  }
}
