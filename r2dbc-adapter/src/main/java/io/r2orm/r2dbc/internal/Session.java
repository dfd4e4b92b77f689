package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.Connection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One unit of work on one connection, carried in the Reactor context so that every statement of the
 * work, however deep, runs on that connection: a transaction, or a read that needs several
 * statements (a stream with relations, {@code load}). It ends exactly once (commit, rollback or
 * release); a statement that arrives afterwards is refused instead of running on a connection
 * outside the transaction, where it would autocommit, or on one the pool has lent to someone else.
 *
 * <p>The end is ordered after every statement being handed to the driver: a statement's subscribe
 * call (which, with r2dbc-postgresql, prepares and encodes its binds and queues the message) is
 * counted while it runs, and {@link #end()} completes only once no such call is in progress. A
 * ROLLBACK issued from another thread therefore reaches the server after an INSERT whose binds were
 * still being encoded, never ahead of it. Not API.
 */
final class Session {
  private static final int ENDED = 1 << 30;

  /**
   * The cursor names of connections joined from outside (a Spring transaction): each stream that
   * joins such a connection has a session of its own, but cursor names are per connection, so they
   * share one set while any of them is open.
   */
  private static final ConcurrentHashMap<Connection, CursorNames> JOINED =
      new ConcurrentHashMap<>();

  private final Connection connection;
  private final boolean transactional;

  /** {@link #ENDED} once ended, plus the number of statements being handed to the driver now. */
  private final AtomicInteger state = new AtomicInteger();

  private final Sinks.Empty<Void> drained = Sinks.empty();
  private final CursorNames cursors;
  private final AtomicBoolean left = new AtomicBoolean();
  private volatile Throwable rollbackOnly;

  Session(Connection connection, boolean transactional) {
    this(connection, transactional, new CursorNames());
  }

  private Session(Connection connection, boolean transactional, CursorNames cursors) {
    this.connection = connection;
    this.transactional = transactional;
    this.cursors = cursors;
  }

  /**
   * A session on a connection whose owner is outside r2orm (it stays open when the session ends);
   * its cursor names are shared with every other session on that connection until {@link #leave()}.
   */
  static Session joining(Connection connection) {
    return new Session(
        connection,
        true,
        JOINED.compute(
            connection,
            (c, names) -> {
              CursorNames shared = names == null ? new CursorNames() : names;
              shared.sessions++;
              return shared;
            }));
  }

  /**
   * Ends a {@link #joining} session's share of its connection's cursor names (once; later calls do
   * nothing).
   */
  void leave() {
    if (left.compareAndSet(false, true)) {
      JOINED.computeIfPresent(
          connection, (c, names) -> names == cursors && --names.sessions == 0 ? null : names);
    }
  }

  /** Sessions joined to the same external connection (tests). */
  static int joinedConnections() {
    return JOINED.size();
  }

  Connection connection() {
    return connection;
  }

  /** Whether the work runs in a database transaction (not only on one connection). */
  boolean transactional() {
    return transactional;
  }

  boolean ended() {
    return (state.get() & ENDED) != 0;
  }

  /**
   * Subscribes the statement's publisher unless the session has ended. The subscribe call is
   * counted, so that {@link #end()} waits for it: a statement is either handed to the driver before
   * the end (and so ordered before COMMIT or ROLLBACK) or refused.
   */
  <T> Publisher<T> run(
      Function<Connection, ? extends Publisher<T>> work, Supplier<RuntimeException> refusal) {
    return subscriber -> {
      if (!enter()) {
        Flux.<T>error(refusal.get()).subscribe(subscriber);
        return;
      }
      try {
        Flux.<T>from(work.apply(connection)).subscribe(subscriber);
      } catch (Throwable e) {
        Flux.<T>error(e).subscribe(subscriber);
      } finally {
        exit();
      }
    };
  }

  private boolean enter() {
    for (; ; ) {
      int s = state.get();
      if ((s & ENDED) != 0) {
        return false;
      }
      if (state.compareAndSet(s, s + 1)) {
        return true;
      }
    }
  }

  private void exit() {
    if (state.decrementAndGet() == ENDED) {
      drained.tryEmitEmpty();
    }
  }

  /**
   * Marks the end when subscribed; completes once no statement is being handed to the driver. Later
   * statements are refused. Idempotent.
   */
  Mono<Void> end() {
    return Mono.defer(
        () -> {
          for (; ; ) {
            int s = state.get();
            if ((s & ENDED) != 0 || state.compareAndSet(s, s | ENDED)) {
              break;
            }
          }
          if (state.get() == ENDED) {
            drained.tryEmitEmpty();
          }
          return drained.asMono();
        });
  }

  /**
   * A cursor name free on this connection now: stable text per nesting depth, so prepared
   * statements stay bounded.
   */
  String openCursor() {
    for (; ; ) {
      long used = cursors.get();
      int slot = Long.numberOfTrailingZeros(~used);
      if (slot == 64) {
        throw new IllegalStateException(
            "More than 64 streams are open at once on one connection; "
                + "consume or cancel a stream before starting the next one inside it");
      }
      if (cursors.compareAndSet(used, used | (1L << slot))) {
        return "r2orm_cursor_" + slot;
      }
    }
  }

  void closeCursor(String name) {
    long bit = 1L << Integer.parseInt(name.substring("r2orm_cursor_".length()));
    cursors.getAndUpdate(used -> used & ~bit);
  }

  /**
   * One bit per cursor name in use on a connection, and (for a joined one) how many sessions share
   * it.
   */
  private static final class CursorNames extends AtomicLong {
    /** Changed only inside {@code JOINED.compute}, which runs one update per key at a time. */
    private int sessions;
  }

  /**
   * Marks a transaction to be rolled back: a joined inner transaction failed, even if its error was
   * then handled.
   */
  void setRollbackOnly(Throwable cause) {
    if (rollbackOnly == null) {
      rollbackOnly = cause;
    }
  }

  Throwable rollbackOnly() {
    return rollbackOnly;
  }
}
