package io.r2orm.spring;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.ReactiveTransactionManager;

/**
 * A read replica from {@code r2orm.read-replica.url}: its own pool, a routing connection factory
 * that becomes the application's primary {@link ConnectionFactory} (read-only Spring transactions
 * on the replica, everything else on Boot's pool), and the transaction manager that routes them.
 * r2orm's {@code Database} gets the replica too ({@link R2ormAutoConfiguration}).
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
    beforeName =
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
    before = R2ormAutoConfiguration.class)
@ConditionalOnClass({ConnectionPool.class, ReactiveTransactionManager.class})
@ConditionalOnProperty(prefix = "r2orm.read-replica", name = "url")
@EnableConfigurationProperties(R2ormProperties.class)
public class R2ormReplicaAutoConfiguration {

  /** The replica's pool, closed with the context. */
  @Bean(destroyMethod = "dispose")
  @ConditionalOnMissingBean
  public R2ormReadReplica r2ormReadReplica(R2ormProperties properties) {
    R2ormProperties.ReadReplica settings = properties.getReadReplica();
    // present: this configuration is conditional on r2orm.read-replica.url
    String replicaUrl =
        java.util.Objects.requireNonNull(settings.getUrl(), "r2orm.read-replica.url");
    ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(replicaUrl).mutate();
    String url = replicaUrl.toLowerCase(Locale.ROOT);
    if (properties.isBinaryResults() && url.contains("postgres") && !url.contains("forcebinary")) {
      options.option(Option.valueOf("forceBinary"), true);
    }
    ConnectionPool pool =
        new ConnectionPool(
            ConnectionPoolConfiguration.builder(ConnectionFactories.get(options.build()))
                .maxSize(settings.getPoolSize())
                .initialSize(0)
                .build());
    return new R2ormReadReplica(pool, settings.getFallback());
  }

  /**
   * The application's connection factory: Boot's pool for everything but read-only transactions.
   * Primary, so that Spring's transaction manager, {@code DatabaseClient} and r2orm share it.
   */
  @Bean
  @Primary
  public ReadOnlyRoutingConnectionFactory r2ormRoutingConnectionFactory(
      ListableBeanFactory beans, R2ormReadReplica replica) {
    List<String> others =
        Arrays.stream(beans.getBeanNamesForType(ConnectionFactory.class, true, false))
            .filter(name -> !name.equals("r2ormRoutingConnectionFactory"))
            .toList();
    if (others.size() != 1) {
      throw new IllegalStateException(
          "r2orm.read-replica.url needs exactly one other ConnectionFactory bean (Boot's, from "
              + "spring.r2dbc.*) as the primary; found "
              + others
              + ". Define the routing yourself with "
              + "ReadOnlyRoutingConnectionFactory and ReplicaRoutingTransactionManager, or remove the extra factories");
    }
    return new ReadOnlyRoutingConnectionFactory(
        beans.getBean(others.get(0), ConnectionFactory.class), replica.pool());
  }

  /** Begins read-only transactions on the replica (Boot's own transaction manager backs off). */
  @Bean
  @ConditionalOnMissingBean(ReactiveTransactionManager.class)
  public ReplicaRoutingTransactionManager r2ormReplicaTransactionManager(
      ReadOnlyRoutingConnectionFactory routing) {
    return new ReplicaRoutingTransactionManager(routing);
  }
}
