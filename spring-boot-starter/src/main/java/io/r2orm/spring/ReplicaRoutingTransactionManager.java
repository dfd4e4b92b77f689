package io.r2orm.spring;

import io.r2dbc.spi.ConnectionFactory;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Spring's R2DBC transaction manager over a {@link ReadOnlyRoutingConnectionFactory}: a transaction
 * begun read-only takes its connection from the read replica. (Spring marks a transaction read-only
 * in its synchronization only after the connection was taken, so the begin itself carries the
 * flag.)
 */
public class ReplicaRoutingTransactionManager extends R2dbcTransactionManager {
  public ReplicaRoutingTransactionManager(ConnectionFactory routing) {
    super(routing);
  }

  @Override
  protected Mono<Void> doBegin(
      TransactionSynchronizationManager synchronizationManager,
      Object transaction,
      TransactionDefinition definition) {
    Mono<Void> begin = super.doBegin(synchronizationManager, transaction, definition);
    // SERIALIZABLE cannot run on a hot standby: such a transaction stays on the primary
    boolean replica =
        definition.isReadOnly()
            && definition.getIsolationLevel() != TransactionDefinition.ISOLATION_SERIALIZABLE;
    return replica
        ? begin.contextWrite(
            context -> context.put(ReadOnlyRoutingConnectionFactory.READ_ONLY, true))
        : begin;
  }
}
