package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.Connection;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Transactions managed outside r2orm (Spring's) that the engine joins: the engine's view of the
 * public {@code ExternalTransactions}, which the API adapts, so that this package does not depend
 * on the API it serves. Not API.
 */
public interface ExternalJoin {
  /**
   * The connection of the external transaction the current subscriber runs in (read from its
   * context), or empty when it runs in none.
   */
  Mono<Connection> join();

  /** Hands a joined connection back; it stays open, its transaction's owner closes it. */
  Publisher<Void> leave(Connection connection);
}
