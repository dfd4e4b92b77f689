package io.r2orm.spring.internal;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2orm.r2dbc.ExternalTransactions;
import org.reactivestreams.Publisher;
import org.springframework.r2dbc.connection.ConnectionFactoryUtils;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Joins Spring-managed reactive transactions ({@code @Transactional}, {@code TransactionalOperator}
 * with an {@code R2dbcTransactionManager} on the same connection factory): inside one, r2orm runs
 * on the transaction's connection, so its statements commit or roll back with the rest of the
 * transaction.
 */
public final class SpringTransactions implements ExternalTransactions {
  private final ConnectionFactory connectionFactory;

  public SpringTransactions(ConnectionFactory connectionFactory) {
    this.connectionFactory = connectionFactory;
  }

  @Override
  public Mono<Connection> join() {
    return TransactionSynchronizationManager.forCurrentTransaction()
        .filter(TransactionSynchronizationManager::isActualTransactionActive)
        .flatMap(sync -> ConnectionFactoryUtils.getConnection(connectionFactory))
        .onErrorResume(NoTransactionException.class, e -> Mono.empty());
  }

  /**
   * Nothing to do: the transaction's connection stays with its holder until the transaction manager
   * ends it. (Releasing it through {@code ConnectionFactoryUtils} would drop the holder's reference
   * to it, and the commit would then find no connection — Spring's own DatabaseClient does not
   * release transactional connections either.)
   */
  @Override
  public Publisher<Void> leave(Connection connection) {
    return Mono.empty();
  }
}
