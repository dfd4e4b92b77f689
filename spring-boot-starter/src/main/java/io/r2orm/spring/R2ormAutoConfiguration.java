package io.r2orm.spring;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Option;
import io.r2orm.core.metadata.NamingStrategy;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.ExternalTransactions;
import io.r2orm.r2dbc.StatementListener;
import io.r2orm.spring.internal.R2ormRepositoriesRegistrar;
import io.r2orm.spring.internal.SpringTransactions;
import io.r2orm.spring.internal.SqlLoggingListener;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds r2orm's {@link Database} on the {@link ConnectionFactory} (and pool) Boot configures from
 * {@code spring.r2dbc.*}, joined to Spring's reactive transactions, with the {@code r2orm.*}
 * settings and every {@link StatementListener} bean. Each bean backs off when the application
 * defines its own.
 */
@AutoConfiguration(
    after = {R2dbcAutoConfiguration.class, R2dbcTransactionManagerAutoConfiguration.class},
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"
    })
@ConditionalOnClass({Database.class, ConnectionFactory.class})
@EnableConfigurationProperties(R2ormProperties.class)
public class R2ormAutoConfiguration {

  /** r2orm's entry point. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(ConnectionFactory.class)
  public Database r2ormDatabase(
      ConnectionFactory connectionFactory,
      R2ormProperties properties,
      ObjectProvider<StatementListener> listeners,
      ObjectProvider<ExternalTransactions> transactions,
      ObjectProvider<R2ormReadReplica> replica,
      ObjectProvider<io.r2orm.core.convert.JsonCodec> json) {
    Database.Builder builder =
        Database.builder(connectionFactory)
            .fetchWindow(properties.getFetchWindow())
            .fetchSize(properties.getFetchSize())
            .insertBatchSize(properties.getInsertBatchSize())
            .namingStrategy(
                properties.getNaming() == R2ormProperties.Naming.AS_IS
                    ? NamingStrategy.AS_IS
                    : NamingStrategy.SNAKE_CASE);
    if (properties.getStatementTimeout() != null) {
      builder.statementTimeout(properties.getStatementTimeout());
    }
    transactions.ifAvailable(builder::externalTransactions);
    replica.ifAvailable(r -> builder.readReplica(r.pool()).replicaFallback(r.fallback()));
    json.ifAvailable(builder::jsonCodec);
    listeners.orderedStream().forEach(builder::listener);
    if (properties.isLogSql()) {
      builder.listener(new SqlLoggingListener());
    }
    return builder.build();
  }

  /** r2orm calls join {@code @Transactional} and {@code TransactionalOperator} transactions. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(ConnectionFactory.class)
  @ConditionalOnClass(
      name = "org.springframework.transaction.reactive.TransactionSynchronizationManager")
  public ExternalTransactions r2ormSpringTransactions(ConnectionFactory connectionFactory) {
    return new SpringTransactions(connectionFactory);
  }

  /**
   * PostgreSQL results in binary rather than text ({@code forceBinary}), unless the URL sets it or
   * {@code r2orm.binary-results=false}: measured to read wide results more than twice as fast.
   */
  @Bean
  @ConditionalOnProperty(
      prefix = "r2orm",
      name = "binary-results",
      havingValue = "true",
      matchIfMissing = true)
  public ConnectionFactoryOptionsBuilderCustomizer r2ormBinaryResults(
      ObjectProvider<R2dbcProperties> r2dbc) {
    return options -> {
      R2dbcProperties p = r2dbc.getIfAvailable();
      String url = p == null || p.getUrl() == null ? "" : p.getUrl().toLowerCase(Locale.ROOT);
      if (url.contains("postgres") && !url.contains("forcebinary")) {
        options.option(Option.valueOf("forceBinary"), true);
      }
    };
  }

  /**
   * Repository interfaces in the application's packages become beans, unless the application scans
   * with {@link EnableR2ormRepositories} itself.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(ConnectionFactory.class)
  @org.springframework.context.annotation.Import(R2ormRepositoriesRegistrar.class)
  static class Repositories {}

  /** JSON columns mapped to records and maps through the application's Jackson 3 mapper. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "tools.jackson.databind.ObjectMapper")
  static class Json {
    @Bean
    @ConditionalOnMissingBean(io.r2orm.core.convert.JsonCodec.class)
    @ConditionalOnBean(type = "tools.jackson.databind.ObjectMapper")
    JacksonJsonCodec r2ormJsonCodec(tools.jackson.databind.ObjectMapper mapper) {
      return new JacksonJsonCodec(mapper);
    }
  }

  /** Statement and relation-batch metrics when Micrometer is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  @ConditionalOnProperty(
      prefix = "r2orm.metrics",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(io.micrometer.core.instrument.MeterRegistry.class)
    MicrometerStatementListener r2ormMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
      return new MicrometerStatementListener(registry);
    }
  }
}
