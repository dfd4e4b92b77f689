package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.TransactionDefinition;
import io.r2orm.core.exception.ConnectionFailureException;
import io.r2orm.core.exception.ConnectionTimeoutException;
import io.r2orm.core.exception.QueryTimeoutException;
import io.r2orm.core.exception.UnexpectedRollbackException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;

/**
 * Begins, commits and rolls back transactions on connections from a {@link ConnectionSource}. The
 * connection goes back to the pool only after the transaction ended, never with it still open:
 * r2dbc-postgresql decides whether to send ROLLBACK from the transaction state the server last
 * reported, so a rollback issued while the BEGIN is still unanswered would be skipped and the next
 * user of the connection would find the transaction open. A cancelled BEGIN therefore still runs to
 * its end, and the rollback follows it; commit and rollback follow every statement being handed to
 * the driver (see {@link Session#end()}). Not API.
 */
final class TransactionRunner {
  private static final Logger LOG = LoggerFactory.getLogger("io.r2orm.sql");
  private static final AtomicLong SAVEPOINTS = new AtomicLong();

  private final ConnectionSource source;

  /** Sent right after BEGIN: the statement timeout for this transaction only, or null. */
  private final String localTimeout;

  TransactionRunner(ConnectionSource source) {
    this(source, null);
  }

  TransactionRunner(ConnectionSource source, String localTimeout) {
    this.source = source;
    this.localTimeout = localTimeout;
  }

  /**
   * Runs work in a transaction of its own: commit on complete (rollback when the options ask for a
   * rollback-only transaction), rollback on error and on cancel.
   */
  <T> Flux<T> own(TransactionSpec options, Function<Session, ? extends Publisher<T>> work) {
    return own(options, work, true);
  }

  /**
   * As {@link #own(TransactionSpec, Function)}; {@code joinable} false makes the session count as
   * no transaction for work that starts one inside it (it gets a connection of its own): the
   * transaction only wraps statements that would otherwise run on their own, so that their
   * statement timeout can be local to it.
   */
  <T> Flux<T> own(
      TransactionSpec options, Function<Session, ? extends Publisher<T>> work, boolean joinable) {
    Flux<T> run =
        source.using(
            c -> new Tx(c, joinable),
            Tx::connection,
            tx ->
                tx.begin(options, localTimeout)
                    .thenMany(Flux.defer(() -> limited(Flux.from(work.apply(tx.session)), options)))
                    // the commit ends the work's own sequence: it can fail too (deferred
                    // constraints, serialization
                    // failures), and as usingWhen's completion callback its error would reach the
                    // caller wrapped in a
                    // plain RuntimeException; here it is translated like a statement's and rolls
                    // back like any failure
                    .concatWith(tx.commit(options.rollbackOnly()).then(Mono.empty())),
            Tx::close,
            (tx, error) ->
                ConnectionSource.broken(error)
                    ? tx.session.end().then(ConnectionSource.discard(tx.connection()))
                    : tx.rollbackAndClose(),
            Tx::rollbackAndClose);
    return options.readOnly()
        ? run.onErrorMap(TransactionRunner::lostUnderReadOnly, TransactionRunner::retryable)
        : run;
  }

  /**
   * A connection lost (not a pool timeout) under a read-only transaction, not yet marked retryable.
   */
  private static boolean lostUnderReadOnly(Throwable e) {
    return e instanceof ConnectionFailureException c
        && !(e instanceof ConnectionTimeoutException)
        && !c.isRetryable();
  }

  private static Throwable retryable(Throwable e) {
    ConnectionFailureException lost = (ConnectionFailureException) e;
    String driver =
        lost.getCause() == null
            ? String.valueOf(lost.getMessage())
            : String.valueOf(lost.getCause().getMessage());
    return new ConnectionFailureException(
        "Connection failed under a read-only transaction, which wrote nothing, so it is "
            + "safe to run again (on a read replica, replay also ends a session this way when it conflicts with it): "
            + driver.lines().findFirst().orElse(""),
        lost.sql(),
        lost.sqlState(),
        lost,
        true);
  }

  /**
   * Runs work inside a transaction the subscriber already runs in. A failure marks the transaction
   * rollback-only, even when the caller then handles it ({@code onErrorResume}): the owner rolls it
   * back instead of committing half of the work, as Spring does.
   */
  static <T> Flux<T> joined(Session session, Function<Session, ? extends Publisher<T>> work) {
    return Flux.<T>from(work.apply(session)).doOnError(session::setRollbackOnly);
  }

  /**
   * Runs work in a savepoint of the session's transaction: its failure rolls back only its own
   * work, and so does its completion when the options ask for a rollback-only transaction.
   */
  <T> Flux<T> savepoint(
      Session session, TransactionSpec options, Function<Session, ? extends Publisher<T>> work) {
    String name = "r2orm_savepoint_" + SAVEPOINTS.incrementAndGet();
    Connection c = session.connection();
    return Flux.usingWhen(
        Mono.from(session.run(x -> c.createSavepoint(name), Executor::ended)).thenReturn(session),
        s -> limited(Flux.from(work.apply(s)), options),
        s ->
            options.rollbackOnly()
                ? Flux.concat(
                    session.run(x -> c.rollbackTransactionToSavepoint(name), Executor::ended),
                    session.run(x -> c.releaseSavepoint(name), Executor::ended))
                : session.run(x -> c.releaseSavepoint(name), Executor::ended),
        (s, error) -> session.run(x -> c.rollbackTransactionToSavepoint(name), Executor::ended),
        s ->
            Mono.from(session.run(x -> c.rollbackTransactionToSavepoint(name), Executor::ended))
                .onErrorResume(e -> Mono.empty()));
  }

  private static <T> Flux<T> limited(Flux<T> work, TransactionSpec options) {
    if (options.timeout() == null) {
      return work;
    }
    // one deadline for the whole work: timeout(Duration) alone would restart the clock at every
    // element
    return Flux.defer(
            () -> {
              long deadline = System.nanoTime() + options.timeout().toNanos();
              Supplier<Mono<Long>> remaining =
                  () -> Mono.delay(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
              return work.timeout(remaining.get(), element -> remaining.get());
            })
        .onErrorMap(
            java.util.concurrent.TimeoutException.class,
            e ->
                new QueryTimeoutException(
                    "Transaction exceeded its timeout of "
                        + options.timeout()
                        + " and was rolled back",
                    null,
                    null,
                    e));
  }

  /**
   * The definition the driver begins with, or null for a plain {@code BEGIN}: only what the caller
   * asked for is sent (a read-write mode set by default would fail on a hot standby).
   */
  static TransactionDefinition definition(TransactionSpec options) {
    IsolationLevel isolation = options.isolation();
    boolean readOnly = options.readOnly();
    if (isolation == null && !readOnly) {
      return null;
    }
    return new TransactionDefinition() {
      @Override
      @SuppressWarnings("unchecked")
      public <V> V getAttribute(Option<V> option) {
        if (option.equals(TransactionDefinition.ISOLATION_LEVEL)) {
          return (V) isolation;
        }
        if (option.equals(TransactionDefinition.READ_ONLY) && readOnly) {
          return (V) Boolean.TRUE;
        }
        return null;
      }
    };
  }

  /** One transaction's state: its session and whether its BEGIN was sent and has ended. */
  private static final class Tx {
    private final Session session;
    private final Sinks.Empty<Void> begun = Sinks.empty();
    private volatile boolean beginSent;

    /**
     * Set by whichever ends the transaction first, the commit or the rollback; the other gives way.
     */
    private final AtomicBoolean ending = new AtomicBoolean();

    /** Emitted once the COMMIT was handed to the driver (its subscribe call returned). */
    private final Sinks.Empty<Void> commitSent = Sinks.empty();

    Tx(Connection connection, boolean joinable) {
      this.session = new Session(connection, joinable);
    }

    Connection connection() {
      return session.connection();
    }

    /**
     * Sends BEGIN through the session, so that a rollback started meanwhile (a cancel from another
     * thread) either follows it or refuses it; cancelling the returned Mono does not cancel the
     * BEGIN itself, and {@link #rollbackAndClose()} waits for it to end.
     */
    Mono<Void> begin(TransactionSpec options, String localTimeout) {
      TransactionDefinition definition = definition(options);
      Mono<Void> begin =
          new Shielded<>(
                  Mono.<Void>fromDirect(
                      session.run(
                          c -> {
                            beginSent = true;
                            return Mono.from(
                                    definition == null
                                        ? c.beginTransaction()
                                        : c.beginTransaction(definition))
                                .doFinally(signal -> begun.tryEmitEmpty());
                          },
                          Executor::ended)))
              .onErrorMap(e -> ErrorTranslator.translate(e, "BEGIN"));
      if (localTimeout == null) {
        return begin;
      }
      return begin.then(
          Mono.<Void>fromDirect(
                  session.run(
                      c ->
                          Flux.from(c.createStatement(localTimeout).execute())
                              .concatMap(result -> result.getRowsUpdated())
                              .then(),
                      Executor::ended))
              .onErrorMap(e -> ErrorTranslator.translate(e, localTimeout)));
    }

    /**
     * Commits, after every statement handed to the driver; a transaction marked rollback-only by a
     * failure is rolled back instead, and the caller learns why. {@code rollback}: the caller asked
     * for a rollback-only transaction, which ends with a ROLLBACK in the commit's place, silently.
     */
    Mono<Void> commit(boolean rollback) {
      return session
          .end()
          .then(
              Mono.defer(
                  () -> {
                    Throwable cause = session.rollbackOnly();
                    if (cause != null && !rollback) {
                      // failing here sends the transaction down the error path, which rolls it back
                      return Mono.error(
                          new UnexpectedRollbackException(
                              "The transaction was rolled back instead of committed: "
                                  + "work joined to it failed ("
                                  + cause
                                  + "), and a failure inside a transaction rolls all of it back even "
                                  + "when the error is handled; use TransactionOptions.nested() for work whose failure may be recovered "
                                  + "from, or handle the error outside the transaction",
                              cause));
                    }
                    if (!ending.compareAndSet(false, true)) {
                      // a cancel won the race and is rolling back: a COMMIT now could follow the
                      // connection back to the pool
                      return Mono.empty();
                    }
                    return Mono.<Void>fromDirect(
                            subscriber -> {
                              try {
                                Mono.from(
                                        rollback
                                            ? connection().rollbackTransaction()
                                            : connection().commitTransaction())
                                    .subscribe(subscriber);
                              } catch (Throwable e) {
                                Mono.<Void>error(e).subscribe(subscriber);
                              } finally {
                                commitSent.tryEmitEmpty();
                              }
                            })
                        .onErrorMap(
                            e -> ErrorTranslator.translate(e, rollback ? "ROLLBACK" : "COMMIT"));
                  }));
    }

    /**
     * Rolls back once every statement was handed to the driver, the BEGIN (if sent) has ended and a
     * COMMIT already under way (a cancel racing the commit, or a failed commit) was handed to the
     * driver, then gives the connection back. A failed rollback is only logged: the caller needs
     * the error that caused it, and the pool validates the connection.
     */
    Mono<Void> rollbackAndClose() {
      Mono<Void> afterBegin = Mono.defer(() -> beginSent ? begun.asMono() : Mono.empty());
      Mono<Void> afterCommit =
          Mono.defer(() -> ending.compareAndSet(false, true) ? Mono.empty() : commitSent.asMono());
      return session
          .end()
          .then(afterBegin)
          .then(afterCommit)
          .then(Mono.defer(() -> Mono.from(connection().rollbackTransaction())))
          .onErrorResume(
              e -> {
                LOG.debug("Rollback failed", e);
                return Mono.empty();
              })
          .then(Mono.defer(() -> Mono.from(connection().close())));
    }

    Mono<Void> close() {
      return session.end().then(Mono.defer(() -> Mono.from(connection().close())));
    }
  }

  /**
   * A Mono whose cancellation is not passed upstream: the upstream runs to its end, only its
   * signals no longer reach the cancelled subscriber. The subscriber's context still reaches it.
   */
  private static final class Shielded<T> extends MonoOperator<T, T> {
    Shielded(Mono<T> source) {
      super(source);
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
      source.subscribe(
          new CoreSubscriber<T>() {
            private volatile boolean cancelled;

            @Override
            public Context currentContext() {
              return actual.currentContext();
            }

            @Override
            public void onSubscribe(Subscription s) {
              // the upstream runs to its end whatever the downstream does, so it gets all the
              // demand it needs now
              s.request(Long.MAX_VALUE);
              actual.onSubscribe(
                  new Subscription() {
                    @Override
                    public void request(long n) {}

                    @Override
                    public void cancel() {
                      cancelled = true;
                    }
                  });
            }

            @Override
            public void onNext(T value) {
              if (!cancelled) {
                actual.onNext(value);
              }
            }

            @Override
            public void onError(Throwable error) {
              if (!cancelled) {
                actual.onError(error);
              }
            }

            @Override
            public void onComplete() {
              if (!cancelled) {
                actual.onComplete();
              }
            }
          });
    }
  }
}
