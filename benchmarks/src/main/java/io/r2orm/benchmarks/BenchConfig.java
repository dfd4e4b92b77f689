package io.r2orm.benchmarks;

/**
 * Where the benchmark database lives and how big the contenders' pools are. Every value can be
 * overridden with a system property ({@code -Dr2orm.bench.host=...}); the suite passes them on to
 * the forked benchmark JVMs.
 */
public final class BenchConfig {
  /** Connections in every contender's pool (R2DBC pools and HikariCP alike). */
  public static final int POOL_SIZE = Integer.getInteger("r2orm.bench.poolSize", 8);

  public static final String HOST = System.getProperty("r2orm.bench.host", "127.0.0.1");
  public static final int PORT = Integer.getInteger("r2orm.bench.port", 5432);
  public static final String USER = System.getProperty("r2orm.bench.user", "postgres");
  public static final String PASSWORD = System.getProperty("r2orm.bench.password", "");

  /**
   * The database the suite creates and fills; it is never dropped, only refilled when its data is
   * stale.
   */
  public static final String DATABASE = System.getProperty("r2orm.bench.database", "r2orm_bench");

  /** An existing database to connect to while creating {@link #DATABASE}. */
  public static final String ADMIN_DATABASE =
      System.getProperty("r2orm.bench.adminDatabase", "postgres");

  private BenchConfig() {}

  /** The JDBC URL of a database on the configured server. */
  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
  }
}
