package io.r2orm.benchmarks.contender;

import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The blocking reference line: pgjdbc pooled by HikariCP. */
@State(Scope.Benchmark)
public class Jdbc {
  public HikariDataSource dataSource;

  @Setup(Level.Trial)
  public void open() {
    dataSource = Pools.hikari();
  }

  @TearDown(Level.Trial)
  public void close() {
    dataSource.close();
  }
}
