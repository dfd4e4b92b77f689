package io.r2orm.r2dbc;

import io.r2dbc.spi.Connection;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Lets r2orm join transactions it does not manage, such as Spring's {@code @Transactional} or
 * {@code TransactionalOperator}: when the subscriber runs inside one, every r2orm call — and {@link
 * Database#transaction}, which then joins instead of beginning its own — uses that transaction's
 * connection, and leaves commit, rollback and closing to its owner. The Spring Boot starter
 * provides the implementation; set it with {@link Database.Builder#externalTransactions}.
 */
public interface ExternalTransactions {
  /**
   * The connection of the external transaction the current subscriber runs in, or empty when it
   * runs in none (then r2orm takes a connection from its factory as usual). Read the subscriber's
   * context with {@code Mono.deferContextual}.
   */
  Mono<Connection> join();

  /** Hands a joined connection back (it stays open: its transaction's owner closes it). */
  Publisher<Void> leave(Connection connection);
}
