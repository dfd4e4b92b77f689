package io.r2orm.benchmarks.contender;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2orm.benchmarks.BenchConfig;

/**
 * The pools every contender runs on: r2dbc-pool over r2dbc-postgresql (driver defaults, or with
 * binary results), and HikariCP over pgjdbc for the JDBC reference line. All have {@link
 * BenchConfig#POOL_SIZE} connections, opened before the first measurement.
 */
public final class Pools {
  private Pools() {}

  /** An R2DBC pool; {@code forceBinary} asks the driver for binary instead of text results. */
  public static ConnectionPool r2dbc(boolean forceBinary) {
    PostgresqlConnectionConfiguration.Builder config =
        PostgresqlConnectionConfiguration.builder()
            .host(BenchConfig.HOST)
            .port(BenchConfig.PORT)
            .username(BenchConfig.USER)
            .database(BenchConfig.DATABASE)
            .forceBinary(forceBinary);
    if (!BenchConfig.PASSWORD.isEmpty()) {
      config.password(BenchConfig.PASSWORD);
    }
    ConnectionPool pool =
        new ConnectionPool(
            ConnectionPoolConfiguration.builder(new PostgresqlConnectionFactory(config.build()))
                .initialSize(BenchConfig.POOL_SIZE)
                .maxSize(BenchConfig.POOL_SIZE)
                .build());
    pool.warmup().block();
    return pool;
  }

  /** A HikariCP pool over pgjdbc; batched inserts are rewritten to multi-row statements. */
  public static HikariDataSource hikari() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(BenchConfig.jdbcUrl(BenchConfig.DATABASE));
    config.setUsername(BenchConfig.USER);
    config.setPassword(BenchConfig.PASSWORD);
    config.setMaximumPoolSize(BenchConfig.POOL_SIZE);
    config.setMinimumIdle(BenchConfig.POOL_SIZE);
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    return new HikariDataSource(config);
  }
}
