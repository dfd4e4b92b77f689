package io.r2orm.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server of the integration tests of every module, found once per JVM: the R2DBC URL
 * in {@code R2ORM_TEST_POSTGRES_URL}; else a server on {@code 127.0.0.1:5432} (user postgres,
 * database test); else a Testcontainers PostgreSQL when Docker answers; else an error that says
 * which to provide. A main-scope module rather than a test-jar, so that {@code -am compile
 * exec:java} can resolve it.
 */
public final class TestPostgres {
  private static String url;

  private TestPostgres() {}

  /** The server's R2DBC URL, without options. */
  public static synchronized String url() {
    if (url == null) {
      url = locate();
    }
    return url;
  }

  private static String locate() {
    String env = System.getenv("R2ORM_TEST_POSTGRES_URL");
    if (env != null && !env.isBlank()) {
      return env;
    }
    if (answers("127.0.0.1", 5432)) {
      return "r2dbc:postgresql://postgres@127.0.0.1:5432/test";
    }
    if (dockerAvailable()) {
      @SuppressWarnings("resource")
      PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
      container.start();
      return "r2dbc:postgresql://"
          + container.getUsername()
          + ":"
          + container.getPassword()
          + "@"
          + container.getHost()
          + ":"
          + container.getMappedPort(5432)
          + "/"
          + container.getDatabaseName();
    }
    throw new IllegalStateException(
        "No PostgreSQL for the integration tests. Provide one of: "
            + "(1) R2ORM_TEST_POSTGRES_URL=r2dbc:postgresql://user:password@host:5432/database; "
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

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
