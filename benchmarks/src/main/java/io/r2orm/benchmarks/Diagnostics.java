package io.r2orm.benchmarks;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Statement;
import io.r2orm.benchmarks.contender.Pools;
import io.r2orm.r2dbc.Database;
import io.r2orm.benchmarks.contender.R2orm;
import io.r2orm.benchmarks.contender.RawDriver;
import io.r2orm.benchmarks.contender.RawR2dbc;
import io.r2orm.benchmarks.model.InsertedItem;
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
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
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
  static final int REQUESTS = 2048;
  private static final String UNNEST = "INSERT INTO inserted_item (name, quantity, created_at, price)"
      + " SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::numeric[]) RETURNING id";
  private static final String UNNEST_ORDERED = "WITH input AS MATERIALIZED (SELECT nextval(pg_get_serial_sequence('inserted_item', 'id'))"
      + " AS r2orm_id, c1, c2, c3, c4, ord FROM unnest($1::text[], $2::integer[], $3::timestamptz[], $4::numeric[])"
      + " WITH ORDINALITY AS input_rows(c1, c2, c3, c4, ord)), inserted AS (INSERT INTO inserted_item"
      + " (id, name, quantity, created_at, price) OVERRIDING SYSTEM VALUE SELECT r2orm_id, c1, c2, c3, c4 FROM input"
      + " ORDER BY ord) SELECT r2orm_id FROM input ORDER BY ord";

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
    return streamRawWithFetchSize(raw.pool, 1000);
  }

  /** {@link StreamBenchmark#raw}'s code on the given pool with the given fetch size. */
  long streamRawWithFetchSize(ConnectionFactory pool, int fetchSize) {
    return RawR2dbc.withConnection(pool, c -> Flux.from(c.createStatement(
                "SELECT id, name, quantity, created_at, price FROM item WHERE quantity >= $1").bind(0, 0).fetchSize(fetchSize).execute())
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

  /** {@link InsertBenchmark#rawUnnest} cut into statements of 1,000 rows, as r2orm's default batch does. */
  @Benchmark
  @OperationsPerInvocation(BenchDatabase.INSERT_ROWS)
  public long insertRawUnnestPer1000(RawDriver raw, InsertBenchmark insert) {
    return RawR2dbc.inTransaction(raw.pool, c -> Flux.range(0, BenchDatabase.INSERT_ROWS / 1000).concatMap(i -> {
      List<InsertedItem> chunk = insert.rows.subList(i * 1000, (i + 1) * 1000);
      return unnest(c.createStatement(UNNEST), chunk);
    })).count().block();
  }

  /** r2orm's bulk insert SQL (ids drawn with nextval in a CTE, returned by ordinality) written by hand, one statement. */
  @Benchmark
  @OperationsPerInvocation(BenchDatabase.INSERT_ROWS)
  public long insertRawUnnestOrderedKeys(RawDriver raw, InsertBenchmark insert) {
    return RawR2dbc.inTransaction(raw.pool, c -> unnest(c.createStatement(UNNEST_ORDERED), insert.rows)).count().block();
  }

  /** r2orm's {@code insertAll} with one statement for all 10,000 rows ({@code insertBatchSize(10_000)}). */
  @Benchmark
  @OperationsPerInvocation(BenchDatabase.INSERT_ROWS)
  public long insertR2ormBatch10000(InsertR2ormBatch10000 r2orm, InsertBenchmark insert) {
    return r2orm.db.insertAll(insert.rows).count().block();
  }

  /** r2orm configured with one insert statement per 10,000 rows. */
  @State(Scope.Benchmark)
  public static class InsertR2ormBatch10000 {
    ConnectionPool pool;
    Database db;

    @Setup(Level.Trial)
    public void open() {
      pool = Pools.r2dbc(false);
      db = Database.builder(pool).insertBatchSize(BenchDatabase.INSERT_ROWS).build();
    }

    @TearDown(Level.Trial)
    public void close() {
      pool.disposeLater().block();
    }
  }

  private static Flux<Long> unnest(Statement s, List<InsertedItem> rows) {
    return Flux.from(s.bind(0, rows.stream().map(InsertedItem::name).toArray(String[]::new))
            .bind(1, rows.stream().map(InsertedItem::quantity).toArray(Integer[]::new))
            .bind(2, rows.stream().map(InsertedItem::createdAt).toArray(OffsetDateTime[]::new))
            .bind(3, rows.stream().map(InsertedItem::price).toArray(BigDecimal[]::new))
            .execute())
        .concatMap(result -> result.map((row, meta) -> row.get(0, Long.class)));
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
