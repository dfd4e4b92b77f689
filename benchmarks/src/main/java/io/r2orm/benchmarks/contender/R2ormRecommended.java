package io.r2orm.benchmarks.contender;

import io.r2dbc.pool.ConnectionPool;
import io.r2orm.r2dbc.Database;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * r2orm's recommended set-up: {@code Database.create} over a connection factory built with {@code
 * forceBinary(true)} (binary results), everything else at its defaults.
 */
@State(Scope.Benchmark)
public class R2ormRecommended {
  public ConnectionPool pool;
  public Database db;

  @Setup(Level.Trial)
  public void open() {
    pool = Pools.r2dbc(true);
    db = Database.create(pool);
  }

  @TearDown(Level.Trial)
  public void close() {
    pool.disposeLater().block();
  }
}
