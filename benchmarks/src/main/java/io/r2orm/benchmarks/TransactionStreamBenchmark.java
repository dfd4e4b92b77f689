package io.r2orm.benchmarks;

import io.r2dbc.spi.ConnectionFactory;
import io.r2orm.benchmarks.contender.R2orm;
import io.r2orm.benchmarks.contender.R2ormRecommended;
import io.r2orm.benchmarks.contender.RawDriver;
import io.r2orm.benchmarks.contender.RawDriverBinary;
import io.r2orm.benchmarks.contender.RawR2dbc;
import io.r2orm.benchmarks.model.Item;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.TransactionOptions;
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
 * Issue #11: the 100,000-row stream of {@link StreamBenchmark} inside a read-only transaction,
 * beside the same stream outside one, with text and with binary results. Inside a transaction r2orm
 * never leaves a result open while the caller's code runs: it probes ({@code LIMIT 257}), then
 * reads through a cursor ({@code DECLARE}, {@code FETCH FORWARD 10000} per window, {@code CLOSE}).
 * The raw driver inside {@code BEGIN READ ONLY} simply streams the statement: nothing else can run
 * on its connection meanwhile, which is the reference, not an equivalent guarantee. The score is
 * rows per second.
 */
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BenchDatabase.ITEM_ROWS)
public class TransactionStreamBenchmark {
  static final TransactionOptions READ_ONLY = TransactionOptions.defaults().withReadOnly(true);

  @Benchmark
  public long raw(RawDriver raw) {
    return StreamBenchmark.check(StreamBenchmark.rawStream(raw.pool));
  }

  @Benchmark
  public long rawReadOnlyTx(RawDriver raw) {
    return StreamBenchmark.check(rawReadOnly(raw.pool));
  }

  @Benchmark
  public long rawBinary(RawDriverBinary raw) {
    return StreamBenchmark.check(StreamBenchmark.rawStream(raw.pool));
  }

  @Benchmark
  public long rawBinaryReadOnlyTx(RawDriverBinary raw) {
    return StreamBenchmark.check(rawReadOnly(raw.pool));
  }

  @Benchmark
  public long r2orm(R2orm r2orm) {
    return StreamBenchmark.check(StreamBenchmark.r2ormStream(r2orm.db));
  }

  @Benchmark
  public long r2ormReadOnlyTx(R2orm r2orm) {
    return StreamBenchmark.check(r2ormReadOnly(r2orm.db));
  }

  @Benchmark
  public long r2ormRecommended(R2ormRecommended r2orm) {
    return StreamBenchmark.check(StreamBenchmark.r2ormStream(r2orm.db));
  }

  @Benchmark
  public long r2ormRecommendedReadOnlyTx(R2ormRecommended r2orm) {
    return StreamBenchmark.check(r2ormReadOnly(r2orm.db));
  }

  /**
   * The hand-written stream inside {@code BEGIN READ ONLY} … {@code COMMIT} on one pooled
   * connection.
   */
  static Flux<Item> rawReadOnly(ConnectionFactory factory) {
    return RawR2dbc.inTransaction(factory, RawR2dbc.READ_ONLY, StreamBenchmark::rawStream);
  }

  /** r2orm's stream inside {@code db.transaction(withReadOnly(true), …)}. */
  static Flux<Item> r2ormReadOnly(Database db) {
    return db.transaction(READ_ONLY, StreamBenchmark::r2ormStream);
  }
}
