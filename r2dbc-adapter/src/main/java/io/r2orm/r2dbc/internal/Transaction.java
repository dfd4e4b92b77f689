package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.TransactionDefinition;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A pooled connection for the length of one transaction, ending it so that the pool never gets it
 * back with the transaction still open. Drivers such as r2dbc-postgresql decide whether to send
 * BEGIN or ROLLBACK from the transaction state the server last reported: a rollback issued while
 * the BEGIN is still unanswered is skipped, and the connection would go back to the pool inside the
 * transaction (the next user's BEGIN is then skipped too, and their work never commits). So a
 * cancelled BEGIN still runs to its end, the rollback follows it, and the connection is closed
 * (given back) only after the rollback. Not thread-safe beyond what a Reactor sequence guarantees.
 */
final class Transaction {
  private static final Logger LOG = LoggerFactory.getLogger("io.r2orm.sql");

  private final Connection connection;
  private final Bound bound;
  private volatile CompletableFuture<Void> begun;

  Transaction(Connection connection) {
    this.connection = connection;
    this.bound = new Bound(connection);
  }

  Connection connection() {
    return connection;
  }

  /** The connection as the statements of the transaction see it; it refuses statements once the transaction ends. */
  Bound bound() {
    return bound;
  }

  /**
   * A transaction's connection as carried in the Reactor context. Once the transaction ends
   * (commit or rollback has started), a statement that still arrives — a racing cancel can let the
   * work subscribe one more — is refused instead of running on a connection outside the
   * transaction, where it would autocommit, or on one the pool has lent to someone else.
   */
  static final class Bound {
    private final Connection connection;
    private boolean ended;   // guarded by this

    Bound(Connection connection) {
      this.connection = connection;
    }

    Connection connection() {
      return connection;
    }

    /** Marks the end; waits for a statement being handed to the driver right now (see {@link #run}). */
    synchronized void end() {
      ended = true;
    }

    /**
     * Subscribes the statement's publisher unless the transaction has ended, holding this object's
     * monitor meanwhile: a statement is either handed to the driver before the end is marked (and
     * so ordered before the commit or rollback — queued on PostgreSQL, executed under the monitor
     * by H2, which runs statements on the subscribing thread), or refused. Without it, a statement that
     * passed the check could reach the driver after the ROLLBACK and autocommit (seen on PostgreSQL).
     */
    <T> Publisher<T> run(Function<Connection, ? extends Publisher<T>> work, Supplier<RuntimeException> refusal) {
      return subscriber -> {
        synchronized (this) {
          if (ended) {
            Flux.<T>error(refusal.get()).subscribe(subscriber);
            return;
          }
          Flux.<T>from(work.apply(connection)).subscribe(subscriber);
        }
      };
    }
  }

  /** Sends BEGIN; cancelling the returned Mono does not cancel the BEGIN itself. */
  Mono<Void> begin(TransactionDefinition definition) {
    return Mono.defer(() -> {
      begun = Mono.from(connection.beginTransaction(definition)).toFuture();
      return Mono.fromFuture(begun, true);
    }).onErrorMap(e -> ErrorTranslator.translate(e, "BEGIN"));
  }

  /** Commits; the failure of a commit is translated like a statement's. */
  Mono<Void> commit() {
    return Mono.defer(() -> {
      bound.end();
      return Mono.from(connection.commitTransaction());
    })
        .onErrorMap(e -> ErrorTranslator.translate(e, "COMMIT"));
  }

  /**
   * Rolls back once the BEGIN (if sent) has ended, then gives the connection back. A failed rollback
   * is only logged: the caller needs the error that caused it, and the pool validates the connection.
   */
  Mono<Void> rollbackAndClose() {
    bound.end();
    CompletableFuture<Void> begin = begun;
    Mono<Void> afterBegin = begin == null ? Mono.empty() : Mono.fromFuture(begin, true).onErrorResume(e -> Mono.empty());
    return afterBegin
        .then(Mono.defer(() -> Mono.from(connection.rollbackTransaction())))
        .onErrorResume(e -> {
          LOG.debug("Rollback failed", e);
          return Mono.empty();
        })
        .then(close());
  }

  Mono<Void> close() {
    bound.end();
    return Mono.defer(() -> Mono.from(connection.close()));
  }
}
