package io.r2orm.spring;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Wrapped;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The application's connection factory when a read replica is configured: connections for read-only
 * Spring transactions ({@code @Transactional(readOnly = true)}, begun by {@link
 * ReplicaRoutingTransactionManager}) come from the replica, every other from the primary. It is the
 * one factory Spring's transaction manager, {@code DatabaseClient} and r2orm share, so that all of
 * them find a transaction's connection.
 */
public final class ReadOnlyRoutingConnectionFactory
    implements ConnectionFactory, Wrapped<ConnectionFactory> {
  /** The Reactor context key under which a transaction being begun says it is read-only. */
  static final String READ_ONLY = ReadOnlyRoutingConnectionFactory.class.getName() + ".readOnly";

  private final ConnectionFactory primary;
  private final ConnectionFactory replica;

  public ReadOnlyRoutingConnectionFactory(ConnectionFactory primary, ConnectionFactory replica) {
    this.primary = Objects.requireNonNull(primary, "primary must not be null");
    this.replica = Objects.requireNonNull(replica, "replica must not be null");
  }

  @Override
  public Publisher<? extends Connection> create() {
    return Mono.deferContextual(
        context ->
            Mono.from(
                Boolean.TRUE.equals(context.getOrDefault(READ_ONLY, false))
                    ? replica.create()
                    : primary.create()));
  }

  @Override
  public ConnectionFactoryMetadata getMetadata() {
    return primary.getMetadata();
  }

  /** The primary's factory (Boot's pool), for health indicators and pool metrics. */
  @Override
  public ConnectionFactory unwrap() {
    return primary;
  }

  /** The replica's factory. */
  public ConnectionFactory replica() {
    return replica;
  }
}
