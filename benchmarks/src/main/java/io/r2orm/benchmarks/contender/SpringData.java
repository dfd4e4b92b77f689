package io.r2orm.benchmarks.contender;

import io.r2dbc.pool.ConnectionPool;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Spring Data R2DBC without Spring Boot: an {@link R2dbcEntityTemplate} (mapped entities) and its
 * {@link DatabaseClient} (hand-written SQL where the template has no API) over a pool with the
 * driver's defaults, and a {@link TransactionalOperator} for multi-statement work.
 */
@State(Scope.Benchmark)
public class SpringData {
  public ConnectionPool pool;
  public R2dbcEntityTemplate template;
  public DatabaseClient client;
  public TransactionalOperator transactional;

  @Setup(Level.Trial)
  public void open() {
    pool = Pools.r2dbc(false);
    template = new R2dbcEntityTemplate(pool);
    client = template.getDatabaseClient();
    transactional = TransactionalOperator.create(new R2dbcTransactionManager(pool));
  }

  @TearDown(Level.Trial)
  public void close() {
    pool.disposeLater().block();
  }
}
