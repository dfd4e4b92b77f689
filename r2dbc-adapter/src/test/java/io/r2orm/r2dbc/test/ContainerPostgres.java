package io.r2orm.r2dbc.test;

import io.r2dbc.spi.ConnectionFactoryOptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLR2DBCDatabaseContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** A PostgreSQL in a container, started once per JVM when Docker is there (stopped by Ryuk). */
final class ContainerPostgres {
  private ContainerPostgres() {}

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @SuppressWarnings("resource")
  static ConnectionFactoryOptions start() {
    PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
    container.start();
    return PostgreSQLR2DBCDatabaseContainer.getOptions(container);
  }
}
