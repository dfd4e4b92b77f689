package io.r2orm.benchmarks.contender;

import io.r2dbc.pool.ConnectionPool;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Raw r2dbc-postgresql with the driver's defaults (text results), pooled by r2dbc-pool. */
@State(Scope.Benchmark)
public class RawDriver {
  public ConnectionPool pool;

  @Setup(Level.Trial)
  public void open() {
    pool = Pools.r2dbc(false);
  }

  @TearDown(Level.Trial)
  public void close() {
    pool.disposeLater().block();
  }
}
