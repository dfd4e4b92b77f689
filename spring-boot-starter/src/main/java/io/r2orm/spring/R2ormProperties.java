package io.r2orm.spring;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code r2orm.*} settings of the Spring Boot starter. The connection itself comes from Boot's
 * {@code spring.r2dbc.*}.
 */
@ConfigurationProperties("r2orm")
public class R2ormProperties {
  /** Parents per batch of relation queries: each relation costs one statement per window. */
  private int fetchWindow = 256;

  /**
   * Rows the driver fetches per round trip when streaming (a cancelled stream stops within one
   * page).
   */
  private int fetchSize = 10_000;

  /** Rows per statement of insertAll and upsert. */
  private int insertBatchSize = 1000;

  /** How property names become column names. */
  private Naming naming = Naming.SNAKE_CASE;

  /** Longest a statement may run before the database cancels it (none when unset). */
  private @Nullable Duration statementTimeout;

  /** Log every statement's SQL (never its values) at INFO on the logger io.r2orm.sql. */
  private boolean logSql;

  /**
   * Ask PostgreSQL for binary results (the driver's forceBinary): more than twice as fast to read
   * as text on wide results. Applied only when the URL does not say otherwise.
   */
  private boolean binaryResults = true;

  private final Metrics metrics = new Metrics();
  private final ReadReplica readReplica = new ReadReplica();

  /** Naming strategies. */
  public enum Naming {
    /** {@code authorId} becomes {@code author_id}. */
    SNAKE_CASE,
    /** Column names are the property names. */
    AS_IS
  }

  /** Micrometer settings. */
  public static class Metrics {
    /** Record a timer per statement and per relation batch when a MeterRegistry is present. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  public int getFetchWindow() {
    return fetchWindow;
  }

  public void setFetchWindow(int fetchWindow) {
    this.fetchWindow = atLeastOne("r2orm.fetch-window", fetchWindow);
  }

  public int getFetchSize() {
    return fetchSize;
  }

  public void setFetchSize(int fetchSize) {
    this.fetchSize = atLeastOne("r2orm.fetch-size", fetchSize);
  }

  public int getInsertBatchSize() {
    return insertBatchSize;
  }

  public void setInsertBatchSize(int insertBatchSize) {
    this.insertBatchSize = atLeastOne("r2orm.insert-batch-size", insertBatchSize);
  }

  public Naming getNaming() {
    return naming;
  }

  public void setNaming(Naming naming) {
    this.naming = naming;
  }

  public @Nullable Duration getStatementTimeout() {
    return statementTimeout;
  }

  public void setStatementTimeout(@Nullable Duration statementTimeout) {
    this.statementTimeout = statementTimeout;
  }

  public boolean isLogSql() {
    return logSql;
  }

  public void setLogSql(boolean logSql) {
    this.logSql = logSql;
  }

  /**
   * A read replica (a hot standby): read-only transactions ({@code @Transactional(readOnly =
   * true)}, r2orm's read-only ones) run on it; see docs/replicas-and-poolers.md.
   */
  public static class ReadReplica {
    /** The replica's R2DBC URL; no replica when unset. */
    private @Nullable String url;

    /** Most connections of the replica's own pool. */
    private int poolSize = 10;

    /** What replica work does when the replica cannot be reached: fail, or run on the primary. */
    private io.r2orm.r2dbc.ReplicaFallback fallback = io.r2orm.r2dbc.ReplicaFallback.FAIL;

    public @Nullable String getUrl() {
      return url;
    }

    public void setUrl(@Nullable String url) {
      this.url = url;
    }

    public int getPoolSize() {
      return poolSize;
    }

    public void setPoolSize(int poolSize) {
      this.poolSize = atLeastOne("r2orm.read-replica.pool-size", poolSize);
    }

    public io.r2orm.r2dbc.ReplicaFallback getFallback() {
      return fallback;
    }

    public void setFallback(io.r2orm.r2dbc.ReplicaFallback fallback) {
      this.fallback =
          java.util.Objects.requireNonNull(
              fallback, "r2orm.read-replica.fallback must not be null");
    }
  }

  public ReadReplica getReadReplica() {
    return readReplica;
  }

  public boolean isBinaryResults() {
    return binaryResults;
  }

  public void setBinaryResults(boolean binaryResults) {
    this.binaryResults = binaryResults;
  }

  private static int atLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
    return value;
  }

  public Metrics getMetrics() {
    return metrics;
  }
}
