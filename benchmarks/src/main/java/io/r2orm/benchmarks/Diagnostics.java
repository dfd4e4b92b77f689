package io.r2orm.benchmarks;

import io.r2dbc.spi.ConnectionFactory;
import io.r2orm.benchmarks.contender.R2orm;
import io.r2orm.benchmarks.contender.RawDriver;
import io.r2orm.benchmarks.contender.RawR2dbc;
import io.r2orm.benchmarks.model.Item;
import io.r2orm.benchmarks.model.Parent;
import io.r2orm.benchmarks.model.Parent_;
import io.r2orm.benchmarks.model.World;
import io.r2orm.benchmarks.model.World_;
import io.r2orm.core.sql.SqlStatement;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Not part of the suite: lines that isolate where r2orm's time goes, for the notes in the README.
 * The raw driver code of the suite with one change each ({@code fetchSize(1000)}, which r2orm sets
 * on every select), and r2orm's statement rendering alone. Run with
 * {@code java -cp benchmarks/target/r2orm-benchmarks.jar org.openjdk.jmh.Main Diagnostics}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Diagnostics {
  private static final int REQUESTS = 2048;

  /** {@link FindByIdBenchmark#raw} at 64 in flight, with {@code fetchSize(1000)} on the statement. */
  @Benchmark
  @OperationsPerInvocation(REQUESTS)
  public long findByIdRawWithFetchSize(RawDriver raw) {
    return Flux.range(0, REQUESTS).flatMap(i -> find(raw.pool, randomId(), 1000), 64).count().block();
  }

  /** {@link FindByIdBenchmark#raw} at 64 in flight, unchanged (the control for the line above). */
  @Benchmark
  @OperationsPerInvocation(REQUESTS)
  public long findByIdRaw(RawDriver raw) {
    return Flux.range(0, REQUESTS).flatMap(i -> find(raw.pool, randomId(), 0), 64).count().block();
  }

  /** {@link StreamBenchmark#raw} with {@code fetchSize(1000)}. */
  @Benchmark
  @OperationsPerInvocation(BenchDatabase.ITEM_ROWS)
  public long streamRawWithFetchSize(RawDriver raw) {
    return RawR2dbc.withConnection(raw.pool, c -> Flux.from(c.createStatement(
                "SELECT id, name, quantity, created_at, price FROM item").fetchSize(1000).execute())
            .concatMap(result -> result.map((row, meta) -> new Item(row.get(0, Long.class), row.get(1, String.class),
                row.get(2, Integer.class), row.get(3, OffsetDateTime.class), row.get(4, BigDecimal.class)))))
        .count().block();
  }

  /** {@link RelationsBenchmark#r2orm} with the window of the hand-written batched load (500 instead of 256). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Parent> relationsR2ormWindow500(R2orm r2orm) {
    return RelationsBenchmark.check(r2orm.db.select(Parent.class).fetch(Parent_.CHILDREN).window(RelationsBenchmark.WINDOW)
        .all().collectList().block());
  }

  /** r2orm's per-call statement building and rendering for a find by id, no I/O. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public SqlStatement findByIdRenderOnly(R2orm r2orm) {
    return r2orm.db.select(World.class).where(World_.ID.eq(randomId())).toSql();
  }

  private static Mono<World> find(ConnectionFactory factory, int id, int fetchSize) {
    return RawR2dbc.withConnection(factory, c -> Flux.from(c.createStatement("SELECT id, randomnumber FROM world WHERE id = $1")
                .bind(0, id).fetchSize(fetchSize).execute())
            .concatMap(result -> result.map((row, meta) -> new World(row.get(0, Integer.class), row.get(1, Integer.class)))))
        .singleOrEmpty();
  }

  private static int randomId() {
    return ThreadLocalRandom.current().nextInt(1, BenchDatabase.WORLD_ROWS + 1);
  }
}
