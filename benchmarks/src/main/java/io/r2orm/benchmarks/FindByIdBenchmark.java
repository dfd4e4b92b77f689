package io.r2orm.benchmarks;

import static org.springframework.data.relational.core.query.Criteria.where;
import static org.springframework.data.relational.core.query.Query.query;

import io.r2dbc.spi.ConnectionFactory;
import io.r2orm.benchmarks.contender.Jdbc;
import io.r2orm.benchmarks.contender.R2orm;
import io.r2orm.benchmarks.contender.R2ormRecommended;
import io.r2orm.benchmarks.contender.RawDriver;
import io.r2orm.benchmarks.contender.RawDriverBinary;
import io.r2orm.benchmarks.contender.RawR2dbc;
import io.r2orm.benchmarks.contender.SpringData;
import io.r2orm.benchmarks.model.World;
import io.r2orm.benchmarks.spring.SpringWorld;
import io.r2orm.r2dbc.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Workload 1: find one {@code World} row by a random id out of 10,000, with 1 or 64 requests in
 * flight. One invocation runs {@value #REQUESTS} requests; the score is requests per second.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(FindByIdBenchmark.REQUESTS)
public class FindByIdBenchmark {
  static final int REQUESTS = 1024;
  private static final String SQL = "SELECT id, randomnumber FROM world WHERE id = $1";
  private static final String JDBC_SQL = "SELECT id, randomnumber FROM world WHERE id = ?";

  @Param({"1", "64"})
  public int inFlight;

  @Benchmark
  public long raw(RawDriver raw) {
    return run(id -> rawFind(raw.pool, id));
  }

  @Benchmark
  public long rawBinary(RawDriverBinary raw) {
    return run(id -> rawFind(raw.pool, id));
  }

  @Benchmark
  public long r2orm(R2orm r2orm) {
    Database db = r2orm.db;
    return run(id -> db.findById(World.class, id));
  }

  @Benchmark
  public long r2ormRecommended(R2ormRecommended r2orm) {
    Database db = r2orm.db;
    return run(id -> db.findById(World.class, id));
  }

  @Benchmark
  public long spring(SpringData spring) {
    return run(
        id -> spring.template.select(SpringWorld.class).matching(query(where("id").is(id))).one());
  }

  @Benchmark
  public long jdbc(Jdbc jdbc, JdbcThreads threads) throws Exception {
    int perThread = REQUESTS / inFlight;
    List<Callable<Long>> tasks = new ArrayList<>(inFlight);
    for (int t = 0; t < inFlight; t++) {
      tasks.add(
          () -> {
            long found = 0;
            for (int i = 0; i < perThread; i++) {
              found += jdbcFind(jdbc.dataSource, randomId()) != null ? 1 : 0;
            }
            return found;
          });
    }
    long found = 0;
    if (inFlight == 1) {
      found = tasks.get(0).call();
    } else {
      for (Future<Long> f : threads.pool.invokeAll(tasks)) {
        found += get(f);
      }
    }
    return check(found);
  }

  /** Hand-written driver code: one statement, one row mapped by index. */
  static Mono<World> rawFind(ConnectionFactory factory, int id) {
    return RawR2dbc.withConnection(factory, c -> rawFind(c, id)).singleOrEmpty();
  }

  /** The same statement on a connection already in hand (inside a transaction). */
  static Flux<World> rawFind(io.r2dbc.spi.Connection c, int id) {
    return Flux.from(c.createStatement(SQL).bind(0, id).execute())
        .concatMap(
            result ->
                result.map(
                    (row, meta) ->
                        new World(row.get(0, Integer.class), row.get(1, Integer.class))));
  }

  static World jdbcFind(DataSource dataSource, int id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(JDBC_SQL)) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new World(rs.getInt(1), rs.getInt(2)) : null;
      }
    }
  }

  private long run(IntFunction<Mono<?>> find) {
    Long found =
        Flux.range(0, REQUESTS).flatMap(i -> find.apply(randomId()), inFlight).count().block();
    return check(found);
  }

  static int randomId() {
    return ThreadLocalRandom.current().nextInt(1, BenchDatabase.WORLD_ROWS + 1);
  }

  private static long check(Long found) {
    if (found == null || found != REQUESTS) {
      throw new IllegalStateException("expected " + REQUESTS + " rows, found " + found);
    }
    return found;
  }

  private static long get(Future<Long> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The JDBC line's request threads: a blocking program needs one per request in flight. */
  @State(Scope.Benchmark)
  public static class JdbcThreads {
    ExecutorService pool;

    @Setup(Level.Trial)
    public void start(FindByIdBenchmark benchmark) {
      pool = Executors.newFixedThreadPool(benchmark.inFlight);
    }

    @TearDown(Level.Trial)
    public void stop() {
      pool.shutdownNow();
    }
  }
}
