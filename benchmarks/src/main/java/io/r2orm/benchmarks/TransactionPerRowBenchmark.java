package io.r2orm.benchmarks;

import io.r2dbc.spi.ConnectionFactory;
import io.r2orm.benchmarks.contender.R2orm;
import io.r2orm.benchmarks.contender.R2ormRecommended;
import io.r2orm.benchmarks.contender.RawDriver;
import io.r2orm.benchmarks.contender.RawDriverBinary;
import io.r2orm.benchmarks.contender.RawR2dbc;
import io.r2orm.benchmarks.model.World;
import io.r2orm.r2dbc.Database;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;

/**
 * Issue #11: {@value #QUERIES} per-row queries, one after the other ({@code concatMap}), inside one
 * transaction: r2orm's {@code findById} of a random {@code World} id in {@code db.transaction(…)},
 * against the raw driver sending the same statement {@value #QUERIES} times on one connection
 * between {@code BEGIN} and {@code COMMIT}. The score is queries per second.
 */
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(TransactionPerRowBenchmark.QUERIES)
public class TransactionPerRowBenchmark {
  static final int QUERIES = 1000;

  @Benchmark
  public long raw(RawDriver raw) {
    return check(rawPerRow(raw.pool));
  }

  @Benchmark
  public long rawBinary(RawDriverBinary raw) {
    return check(rawPerRow(raw.pool));
  }

  @Benchmark
  public long r2orm(R2orm r2orm) {
    return check(r2ormPerRow(r2orm.db));
  }

  @Benchmark
  public long r2ormRecommended(R2ormRecommended r2orm) {
    return check(r2ormPerRow(r2orm.db));
  }

  static Flux<World> rawPerRow(ConnectionFactory factory) {
    return RawR2dbc.inTransaction(
        factory,
        c ->
            Flux.range(0, QUERIES)
                .concatMap(i -> FindByIdBenchmark.rawFind(c, FindByIdBenchmark.randomId())));
  }

  static Flux<World> r2ormPerRow(Database db) {
    return db.transaction(
        tx ->
            Flux.range(0, QUERIES)
                .concatMap(i -> tx.findById(World.class, FindByIdBenchmark.randomId())));
  }

  static long check(Flux<World> found) {
    Long n = found.count().block();
    if (n == null || n != QUERIES) {
      throw new IllegalStateException("expected " + QUERIES + " rows, found " + n);
    }
    return n;
  }
}
