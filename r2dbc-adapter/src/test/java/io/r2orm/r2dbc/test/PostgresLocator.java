package io.r2orm.r2dbc.test;

import io.r2dbc.spi.ConnectionFactoryOptions;

/**
 * The PostgreSQL server for the adapter's integration tests as R2DBC options, found once per JVM by
 * {@link io.r2orm.testsupport.TestPostgres} (environment URL, local server, Testcontainers, or a
 * clear error; never a silent skip).
 */
public final class PostgresLocator {
  private static ConnectionFactoryOptions options;

  private PostgresLocator() {}

  /** The connection options of the test server. */
  public static synchronized ConnectionFactoryOptions options() {
    if (options == null) {
      options = locate();
    }
    return options;
  }

  private static ConnectionFactoryOptions locate() {
    return ConnectionFactoryOptions.parse(io.r2orm.testsupport.TestPostgres.url());
  }
}
