package io.r2orm.r2dbc.test;

import io.r2dbc.spi.ConnectionFactoryOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Finds the PostgreSQL server for integration tests, once per JVM: {@code R2ORM_TEST_POSTGRES_URL}
 * if set; else {@code 127.0.0.1:5432} if it accepts a connection within 300 ms; else a
 * Testcontainers PostgreSQL if Docker answers; else an error saying which of the three to provide.
 * Never skips silently.
 */
public final class PostgresLocator {
  /** Environment variable with an R2DBC URL of a PostgreSQL database to test against. */
  public static final String URL_VARIABLE = "R2ORM_TEST_POSTGRES_URL";

  private static ConnectionFactoryOptions options;

  private PostgresLocator() {}

  /** The connection options of the test server. */
  public static synchronized ConnectionFactoryOptions options() {
    if (options == null) {
      options = locate();
    }
    return options;
  }

  /** The test server as an R2DBC URL (for frameworks configured by URL, such as Spring Boot). */
  public static String url() {
    ConnectionFactoryOptions o = options();
    Object password = o.getValue(ConnectionFactoryOptions.PASSWORD);
    Object port = o.getValue(ConnectionFactoryOptions.PORT);
    return "r2dbc:postgresql://" + o.getValue(ConnectionFactoryOptions.USER)
        + (password == null ? "" : ":" + password) + "@" + o.getValue(ConnectionFactoryOptions.HOST)
        + ":" + (port == null ? 5432 : port) + "/" + o.getValue(ConnectionFactoryOptions.DATABASE);
  }

  private static ConnectionFactoryOptions locate() {
    String url = System.getenv(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      return ConnectionFactoryOptions.parse(url);
    }
    if (answers("127.0.0.1", 5432)) {
      return ConnectionFactoryOptions.parse("r2dbc:postgresql://postgres@127.0.0.1:5432/test");
    }
    if (ContainerPostgres.dockerAvailable()) {
      return ContainerPostgres.start();
    }
    throw new IllegalStateException("No PostgreSQL for the integration tests. Provide one of: "
        + "(1) " + URL_VARIABLE + "=r2dbc:postgresql://user:password@host:5432/database; "
        + "(2) a server on 127.0.0.1:5432 with user 'postgres' (trust auth) and database 'test'; "
        + "(3) a running Docker engine for Testcontainers. "
        + "To run only the H2 half, pass -Dr2orm.test.postgres=false (PostgreSQL tests are then reported as skipped).");
  }

  private static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
