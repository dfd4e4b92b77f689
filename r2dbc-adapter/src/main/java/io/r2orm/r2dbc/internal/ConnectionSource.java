package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2orm.core.exception.ConnectionFailureException;
import io.r2orm.core.exception.ConnectionTimeoutException;
import io.r2orm.core.exception.R2ormException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.util.context.Context;
import reactor.util.retry.Retry;

/**
 * Takes connections from the factory and gives them back however the work ends. The subscriber's
 * Reactor context reaches the factory (routing factories, tracing wrappers and r2dbc-proxy read
 * it), cancelling a caller that still waits for a connection cancels its acquisition (nothing stays
 * queued in the pool), and a connection is never used by two callers at once. Not API.
 */
final class ConnectionSource {
  private static final Logger LOG = LoggerFactory.getLogger("io.r2orm.sql");

  /**
   * More than the idle connections of any pool that might all have died at once (a server restart).
   */
  private static final int MAX_VALIDATION_RETRIES = 256;

  /** Reactor's context key for a local onNextDropped hook. */
  private static final String ON_NEXT_DROPPED = "reactor.onNextDropped.local";

  /**
   * Closes a connection that arrived after its caller left. r2dbc-pool's own acquire-timeout hook
   * may have closed it already, and its {@code close()} then throws instead of returning an error:
   * either way nothing is left to do, and nothing may escape a hook (Reactor would log it as an
   * error).
   */
  private static final java.util.function.Consumer<Object> CLOSE_DROPPED =
      dropped -> {
        if (dropped instanceof Connection c) {
          Mono.defer(() -> Mono.from(c.close()))
              .subscribe(
                  null, e -> LOG.debug("A connection nobody waits for was already given back", e));
        }
      };

  /**
   * Closes a connection discarded after its caller left, except r2dbc-pool's: when an acquisition
   * is cancelled while the pool still prepares the connection, the pool gives it back itself and
   * then discards what it emits ({@code MonoDiscardOnCancel}). Closing that wrapper again would run
   * its release (pre-release hook, validation) on a physical connection the pool may already have
   * lent to the next caller.
   */
  private static final java.util.function.Consumer<Connection> CLOSE_DISCARDED =
      discarded -> {
        if (!discarded.getClass().getName().equals("io.r2dbc.pool.PooledConnection")) {
          CLOSE_DROPPED.accept(discarded);
        }
      };

  /** One factory, or several used in turn (read replicas). */
  private final List<ConnectionFactory> factories;

  private final AtomicInteger next = new AtomicInteger();
  private final Duration statementTimeout;

  /**
   * Where to take a connection when none of these factories can open one (a replica is down), or
   * null.
   */
  private final ConnectionSource fallback;

  ConnectionSource(ConnectionFactory factory, Duration statementTimeout) {
    this(List.of(factory), statementTimeout, null);
  }

  /**
   * A source over several factories taken in turn (round-robin per connection); when the chosen one
   * cannot open a connection (server down or unreachable; not a busy pool), the others are tried,
   * then {@code fallback}, when given.
   */
  ConnectionSource(
      List<ConnectionFactory> factories, Duration statementTimeout, ConnectionSource fallback) {
    if (factories.isEmpty()) {
      throw new IllegalArgumentException("a connection source needs at least one factory");
    }
    this.factories = List.copyOf(factories);
    this.statementTimeout = statementTimeout;
    this.fallback = fallback;
  }

  /**
   * Runs work on a connection taken when subscribed; the callbacks end the work and must give the
   * connection back (a transaction commits or rolls back first). Before the work, the statement
   * timeout is set, when there is one.
   */
  <R, T> Flux<T> using(
      Function<Connection, R> open,
      Function<R, Connection> connectionOf,
      Function<R, ? extends Publisher<T>> work,
      Function<R, ? extends Publisher<?>> onComplete,
      BiFunction<R, Throwable, ? extends Publisher<?>> onError,
      Function<R, ? extends Publisher<?>> onCancel) {
    return Flux.usingWhen(
        acquire().map(open),
        r -> prepare(connectionOf.apply(r)).thenMany(Flux.defer(() -> work.apply(r))),
        onComplete,
        onError,
        onCancel);
  }

  /**
   * Runs work on a connection of its own, given back on complete, error and cancel; never while the
   * work is being handed to the driver (a cancel from another thread waits for that, see {@link
   * Session#end()}), as the pool could lend the connection on before the statement reached it.
   */
  <T> Flux<T> using(Function<Connection, ? extends Publisher<T>> work) {
    return using(
        c -> new Session(c, false),
        Session::connection,
        s -> s.run(work, Executor::ended),
        s -> s.end().then(Mono.from(s.connection().close())),
        (s, error) -> s.end().then(Mono.from(release(s.connection(), error))),
        s -> s.end().then(Mono.from(s.connection().close())));
  }

  /**
   * A connection from the factory; acquisition failures say what to do. See {@link HandOver} for
   * what cancelling it does. Whoever subscribes owns the connection and must close it.
   */
  Mono<Connection> acquire() {
    if (factories.size() == 1 && fallback == null) {
      return acquire(factories.get(0));
    }
    return Mono.defer(
        () -> {
          int first = Math.floorMod(next.getAndIncrement(), factories.size());
          Mono<Connection> attempt = acquire(factories.get(first));
          for (int i = 1; i < factories.size(); i++) {
            ConnectionFactory other = factories.get((first + i) % factories.size());
            attempt = attempt.onErrorResume(ConnectionSource::broken, e -> acquire(other));
          }
          return fallback == null
              ? attempt
              : attempt.onErrorResume(ConnectionSource::broken, e -> fallback.acquire());
        });
  }

  private Mono<Connection> acquire(ConnectionFactory factory) {
    return new HandOver(
        Mono.<Connection>defer(() -> Mono.from(factory.create()))
            // nothing was sent yet: a pooled connection found dead on validation is discarded by
            // the pool, and
            // asking again gets the next one (or a new one), where r2dbc-pool on its own retries
            // only once
            .retryWhen(Retry.max(MAX_VALIDATION_RETRIES).filter(ConnectionSource::failedValidation))
            .onErrorMap(e -> !(e instanceof R2ormException), ConnectionSource::acquisitionFailure)
            // a connection that arrives after the cancel is dropped by the operators above before
            // it reaches the
            // hand-over: close it there (Reactor's context-local hook for dropped values, as
            // r2dbc-pool uses),
            // unless r2dbc-pool discarded it: it did so after giving it back itself (see
            // CLOSE_DISCARDED)
            .doOnDiscard(Connection.class, CLOSE_DISCARDED)
            .contextWrite(context -> context.put(ON_NEXT_DROPPED, CLOSE_DROPPED)));
  }

  /**
   * Whether the pool refused a connection because it failed validation (r2dbc-pool: "Connection
   * validation failed", e.g. its server process was terminated while it sat idle).
   */
  private static boolean failedValidation(Throwable e) {
    return e instanceof io.r2dbc.spi.R2dbcNonTransientResourceException
        && e.getMessage() != null
        && e.getMessage().startsWith("Connection validation failed");
  }

  /** Applies the statement timeout (one round trip), when there is one. */
  private Mono<Void> prepare(Connection c) {
    if (statementTimeout == null) {
      return Mono.empty();
    }
    return Mono.from(c.setStatementTimeout(statementTimeout))
        .onErrorMap(e -> ErrorTranslator.translate(e, "SET statement timeout"));
  }

  /**
   * Gives a connection back after a failure. When the connection itself failed (terminated server
   * process, reset socket), the physical connection under the pool's wrapper is closed first, so
   * the pool's validation discards it instead of lending it again before the driver noticed.
   */
  static Publisher<Void> release(Connection connection, Throwable error) {
    return broken(error) ? discard(connection) : connection.close();
  }

  static boolean broken(Throwable error) {
    return error instanceof ConnectionFailureException
        && !(error instanceof ConnectionTimeoutException);
  }

  static Mono<Void> discard(Connection connection) {
    Mono<Void> physical = Mono.empty();
    if (connection instanceof io.r2dbc.spi.Wrapped<?> wrapped
        && wrapped.unwrap() instanceof Connection inner) {
      physical = Mono.from(inner.close()).onErrorResume(e -> Mono.empty());
    }
    return physical.then(Mono.from(connection.close()).onErrorResume(e -> Mono.empty()));
  }

  static Throwable acquisitionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException
          || t instanceof io.r2dbc.spi.R2dbcTimeoutException) {
        return new ConnectionTimeoutException(
            "Timed out waiting for a connection: every pooled connection is busy ("
                + e.getMessage()
                + "). Likely causes: subscriptions that are never cancelled or completed (a stream nobody "
                + "reads to the end, a missing timeout); a stream holding a connection while the same caller waits for a "
                + "second one (a query per row of a stream outside a transaction: run both in db.transaction(...) or load "
                + "the rows with a fetch plan); or a pool smaller than the concurrency. Raise the pool's maxSize or "
                + "maxAcquireTime, or lower the concurrency",
            e);
      }
    }
    return new ConnectionFailureException(
        "Could not open a connection: " + e.getMessage(), null, null, e);
  }

  /**
   * The hand-over of a connection from the factory to its user. Cancelled before a connection
   * arrived, it cancels the acquisition, so that a pool drops the queued request. Once a connection
   * was handed on, cancellation no longer travels upstream: r2dbc-pool gives a connection back when
   * its acquisition is cancelled even after emitting it, and {@code Flux.usingWhen} forwards a
   * cancel that races with the emission to its resource, so the pool could lend the connection to
   * the next caller while this one runs its statements or its rollback. After the hand-over the
   * connection belongs to the downstream, which closes it (usingWhen does, even when cancelled in
   * that race). A connection that arrives after a cancel won the race is closed here.
   */
  static final class HandOver extends MonoOperator<Connection, Connection> {
    HandOver(Mono<Connection> source) {
      super(source);
    }

    @Override
    public void subscribe(CoreSubscriber<? super Connection> actual) {
      source.subscribe(new Subscriber(actual));
    }

    private static final class Subscriber extends AtomicInteger
        implements CoreSubscriber<Connection>, Subscription {
      private static final int WAITING = 0;
      private static final int HANDED_OVER = 1;
      private static final int CANCELLED = 2;

      private final CoreSubscriber<? super Connection> actual;
      private Subscription upstream;

      Subscriber(CoreSubscriber<? super Connection> actual) {
        this.actual = actual;
      }

      @Override
      public Context currentContext() {
        return actual.currentContext();
      }

      @Override
      public void onSubscribe(Subscription s) {
        this.upstream = s;
        actual.onSubscribe(this);
      }

      @Override
      public void onNext(Connection connection) {
        if (compareAndSet(WAITING, HANDED_OVER)) {
          actual.onNext(connection);
        } else {
          CLOSE_DROPPED.accept(connection);
        }
      }

      @Override
      public void onError(Throwable error) {
        if (get() != CANCELLED) {
          actual.onError(error);
        }
      }

      @Override
      public void onComplete() {
        if (get() != CANCELLED) {
          actual.onComplete();
        }
      }

      @Override
      public void request(long n) {
        upstream.request(n);
      }

      @Override
      public void cancel() {
        if (compareAndSet(WAITING, CANCELLED)) {
          upstream.cancel();
        }
      }
    }
  }
}
