package io.r2orm.benchmarks;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Statement;
import io.r2orm.benchmarks.contender.Pools;
import io.r2orm.benchmarks.contender.R2orm;
import io.r2orm.benchmarks.contender.R2ormRecommended;
import io.r2orm.benchmarks.contender.RawDriver;
import io.r2orm.benchmarks.contender.RawDriverBinary;
import io.r2orm.benchmarks.contender.RawR2dbc;
import io.r2orm.benchmarks.model.InsertedItem;
import io.r2orm.benchmarks.model.Item;
import io.r2orm.benchmarks.model.Parent;
import io.r2orm.benchmarks.model.Parent_;
import io.r2orm.benchmarks.model.World;
import io.r2orm.benchmarks.model.World_;
import io.r2orm.core.sql.SqlStatement;
import io.r2orm.r2dbc.Database;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 * on every select), and r2orm's statement rendering alone. Run with {@code java -cp
 * benchmarks/target/r2orm-benchmarks.jar org.openjdk.jmh.Main Diagnostics}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Diagnostics {
  static final int REQUESTS = 2048;
  private static final String STREAM_SQL =
      "SELECT id, name, quantity, created_at, price FROM item WHERE quantity >= $1";
  private static final String UNNEST =
      "INSERT INTO inserted_item (name, quantity, created_at, price)"
          + " SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::numeric[]) RETURNING id";
  private static final String UNNEST_ORDERED =
      "WITH input AS MATERIALIZED (SELECT nextval(pg_get_serial_sequence('inserted_item', 'id'))"
          + " AS r2orm_id, c1, c2, c3, c4, ord FROM unnest($1::text[], $2::integer[], $3::timestamptz[], $4::numeric[])"
          + " WITH ORDINALITY AS input_rows(c1, c2, c3, c4, ord)), inserted AS (INSERT INTO inserted_item"
          + " (id, name, quantity, created_at, price) OVERRIDING SYSTEM VALUE SELECT r2orm_id, c1, c2, c3, c4 FROM input"
          + " ORDER BY ord) SELECT r2orm_id FROM input ORDER BY ord";

  /**
   * {@link FindByIdBenchmark#raw} at 64 in flight, with {@code fetchSize(1000)} on the statement.
   */
  @Benchmark
  @OperationsPerInvocation(REQUESTS)
  public long findByIdRawWithFetchSize(RawDriver raw) {
    return Flux.range(0, REQUESTS)
        .flatMap(i -> find(raw.pool, randomId(), 1000), 64)
        .count()
        .block();
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
    return RawR2dbc.withConnection(
            pool,
            c ->
                Flux.from(
                        c.createStatement(
                                "SELECT id, name, quantity, created_at, price FROM item WHERE quantity >= $1")
                            .bind(0, 0)
                            .fetchSize(fetchSize)
                            .execute())
                    .concatMap(
                        result ->
                            result.map(
                                (row, meta) ->
                                    new Item(
                                        row.get(0, Long.class),
                                        row.get(1, String.class),
                                        row.get(2, Integer.class),
                                        row.get(3, OffsetDateTime.class),
                                        row.get(4, BigDecimal.class)))))
        .count()
        .block();
  }

  /**
   * What r2orm sends for a long stream inside a read-only transaction, by hand on the raw driver
   * with binary results (issue #11): {@code BEGIN READ ONLY}, {@code DECLARE … NO SCROLL CURSOR},
   * {@code FETCH FORWARD 10000} until a short window, each with a fetch size of 10,001 (extended
   * protocol, so binary results), {@code CLOSE}, {@code COMMIT}; without the probe. Each window is
   * collected before its rows go on, as r2orm does.
   */
  @Benchmark
  @OperationsPerInvocation(BenchDatabase.ITEM_ROWS)
  public long streamRawCursorCollected(RawDriverBinary raw) {
    return streamRawCursor(raw.pool, 10_000, true);
  }

  /** {@link #streamRawCursorCollected} with each FETCH's rows passed on as they arrive. */
  @Benchmark
  @OperationsPerInvocation(BenchDatabase.ITEM_ROWS)
  public long streamRawCursorStreamed(RawDriverBinary raw) {
    return streamRawCursor(raw.pool, 10_000, false);
  }

  /** The hand-written cursor loop on the given pool, {@code window} rows per FETCH. */
  long streamRawCursor(ConnectionFactory pool, int window, boolean collect) {
    return StreamBenchmark.check(
        RawR2dbc.inTransaction(
            pool,
            RawR2dbc.READ_ONLY,
            c -> {
              Mono<Void> declare =
                  Flux.from(
                          c.createStatement(
                                  "DECLARE bench_cursor NO SCROLL CURSOR FOR " + STREAM_SQL)
                              .bind(0, 0)
                              .execute())
                      .concatMap(result -> result.getRowsUpdated())
                      .then();
              AtomicBoolean exhausted = new AtomicBoolean();
              Flux<Item> rows =
                  Flux.range(0, Integer.MAX_VALUE)
                      .takeWhile(i -> !exhausted.get())
                      .concatMap(
                          i -> {
                            Flux<Item> fetched =
                                Flux.from(
                                        c.createStatement(
                                                "FETCH FORWARD " + window + " FROM bench_cursor")
                                            .fetchSize(window + 1)
                                            .execute())
                                    .concatMap(result -> result.map(Diagnostics::item));
                            if (collect) {
                              return fetched
                                  .collectList()
                                  .flatMapIterable(
                                      list -> {
                                        exhausted.compareAndSet(false, list.size() < window);
                                        return list;
                                      });
                            }
                            AtomicLong n = new AtomicLong();
                            return fetched
                                .doOnNext(item -> n.incrementAndGet())
                                .doOnComplete(
                                    () -> exhausted.compareAndSet(false, n.get() < window));
                          },
                          0);
              Flux<Item> close =
                  Flux.from(c.createStatement("CLOSE bench_cursor").execute())
                      .concatMap(result -> result.getRowsUpdated())
                      .thenMany(Flux.<Item>empty());
              return declare.thenMany(rows).concatWith(close);
            }));
  }

  /**
   * The hand-written cursor loop with the next FETCH sent while the current one is still being read
   * (two FETCHes in flight on the connection, the driver pipelines them), so that the server fills
   * the next window while the client decodes this one; each window collected.
   */
  @Benchmark
  @OperationsPerInvocation(BenchDatabase.ITEM_ROWS)
  public long streamRawCursorPipelined(RawDriverBinary raw) {
    return streamRawCursorAhead(raw.pool, 10_000, true);
  }

  /**
   * The pipelined cursor loop on the given pool; {@code extended} sets a fetch size on each FETCH
   * (binary results).
   */
  long streamRawCursorAhead(ConnectionFactory pool, int window, boolean extended) {
    return StreamBenchmark.check(
        RawR2dbc.inTransaction(
            pool,
            RawR2dbc.READ_ONLY,
            c -> {
              Mono<Void> declare =
                  Flux.from(
                          c.createStatement(
                                  "DECLARE bench_cursor NO SCROLL CURSOR FOR " + STREAM_SQL)
                              .bind(0, 0)
                              .execute())
                      .concatMap(result -> result.getRowsUpdated())
                      .then();
              AtomicBoolean exhausted = new AtomicBoolean();
              Flux<Item> rows =
                  Flux.range(0, Integer.MAX_VALUE)
                      .takeWhile(i -> !exhausted.get())
                      .flatMapSequential(
                          i -> {
                            io.r2dbc.spi.Statement fetch =
                                c.createStatement("FETCH FORWARD " + window + " FROM bench_cursor");
                            if (extended) {
                              fetch.fetchSize(window + 1);
                            }
                            return Flux.from(fetch.execute())
                                .concatMap(result -> result.map(Diagnostics::item))
                                .collectList()
                                .doOnNext(
                                    list -> exhausted.compareAndSet(false, list.size() < window));
                          },
                          2,
                          1)
                      .concatMapIterable(list -> list);
              Flux<Item> close =
                  Flux.from(c.createStatement("CLOSE bench_cursor").execute())
                      .concatMap(result -> result.getRowsUpdated())
                      .thenMany(Flux.<Item>empty());
              return declare.thenMany(rows).concatWith(close);
            }));
  }

  /**
   * {@link TransactionStreamBenchmark#r2ormRecommendedReadOnlyTx} with 50,000 rows per FETCH
   * instead of 10,000.
   */
  @Benchmark
  @OperationsPerInvocation(BenchDatabase.ITEM_ROWS)
  public long streamR2ormReadOnlyTxFetch50000(R2ormRecommendedFetch50000 r2orm) {
    return StreamBenchmark.check(TransactionStreamBenchmark.r2ormReadOnly(r2orm.db));
  }

  /** r2orm's recommended set-up with a fetch size of 50,000. */
  @State(Scope.Benchmark)
  public static class R2ormRecommendedFetch50000 {
    ConnectionPool pool;
    Database db;

    @Setup(Level.Trial)
    public void open() {
      pool = Pools.r2dbc(true);
      db = Database.builder(pool).fetchSize(50_000).build();
    }

    @TearDown(Level.Trial)
    public void close() {
      pool.disposeLater().block();
    }
  }

  /**
   * Runs each issue #11 line once, with a marker line on standard error before each, to read what
   * the driver sends: {@code java -Dlogback.configurationFile=FILE -cp r2orm-benchmarks.jar
   * io.r2orm.benchmarks.Diagnostics} with {@code io.r2dbc.postgresql.QUERY} (statements) or {@code
   * io.r2dbc.postgresql.client.ReactorNettyClient} (protocol messages) at DEBUG in FILE.
   */
  public static void main(String[] args) {
    R2ormRecommended recommended = new R2ormRecommended();
    RawDriverBinary rawBinary = new RawDriverBinary();
    R2orm r2orm = new R2orm();
    recommended.open();
    rawBinary.open();
    r2orm.open();
    try {
      Map<String, Runnable> lines = new LinkedHashMap<>();
      lines.put(
          "r2orm recommended stream, outside a transaction",
          () -> StreamBenchmark.check(StreamBenchmark.r2ormStream(recommended.db)));
      lines.put(
          "r2orm recommended stream, read-only transaction",
          () -> StreamBenchmark.check(TransactionStreamBenchmark.r2ormReadOnly(recommended.db)));
      lines.put(
          "raw forceBinary stream, read-only transaction",
          () -> StreamBenchmark.check(TransactionStreamBenchmark.rawReadOnly(rawBinary.pool)));
      lines.put(
          "r2orm 1,000 findById in a transaction",
          () -> TransactionPerRowBenchmark.check(TransactionPerRowBenchmark.r2ormPerRow(r2orm.db)));
      lines.put(
          "raw 1,000 statements in BEGIN/COMMIT",
          () ->
              TransactionPerRowBenchmark.check(
                  TransactionPerRowBenchmark.rawPerRow(rawBinary.pool)));
      lines.put(
          "r2orm fetch plan 1,000 x 10",
          () ->
              RelationsBenchmark.check(
                  r2orm
                      .db
                      .select(Parent.class)
                      .fetch(Parent_.CHILDREN)
                      .all()
                      .collectList()
                      .block()));
      for (Map.Entry<String, Runnable> line : lines.entrySet()) {
        line.getValue().run(); // once to prepare statements and load classes
        System.err.println("=== " + line.getKey());
        line.getValue().run();
      }
      System.err.println("=== end");
    } finally {
      recommended.close();
      rawBinary.close();
      r2orm.close();
    }
  }

  private static Item item(io.r2dbc.spi.Row row, io.r2dbc.spi.RowMetadata meta) {
    return new Item(
        row.get(0, Long.class),
        row.get(1, String.class),
        row.get(2, Integer.class),
        row.get(3, OffsetDateTime.class),
        row.get(4, BigDecimal.class));
  }

  /**
   * {@link RelationsBenchmark#r2orm} with the window of the hand-written batched load (500 instead
   * of 256).
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Parent> relationsR2ormWindow500(R2orm r2orm) {
    return RelationsBenchmark.check(
        r2orm
            .db
            .select(Parent.class)
            .fetch(Parent_.CHILDREN)
            .window(RelationsBenchmark.WINDOW)
            .all()
            .collectList()
            .block());
  }

  /**
   * {@link InsertBenchmark#rawUnnest} cut into statements of 1,000 rows, as r2orm's default batch
   * does.
   */
  @Benchmark
  @OperationsPerInvocation(BenchDatabase.INSERT_ROWS)
  public long insertRawUnnestPer1000(RawDriver raw, InsertBenchmark insert) {
    return RawR2dbc.inTransaction(
            raw.pool,
            c ->
                Flux.range(0, BenchDatabase.INSERT_ROWS / 1000)
                    .concatMap(
                        i -> {
                          List<InsertedItem> chunk = insert.rows.subList(i * 1000, (i + 1) * 1000);
                          return unnest(c.createStatement(UNNEST), chunk);
                        }))
        .count()
        .block();
  }

  /**
   * r2orm's bulk insert SQL (ids drawn with nextval in a CTE, returned by ordinality) written by
   * hand, one statement.
   */
  @Benchmark
  @OperationsPerInvocation(BenchDatabase.INSERT_ROWS)
  public long insertRawUnnestOrderedKeys(RawDriver raw, InsertBenchmark insert) {
    return RawR2dbc.inTransaction(
            raw.pool, c -> unnest(c.createStatement(UNNEST_ORDERED), insert.rows))
        .count()
        .block();
  }

  /**
   * r2orm's {@code insertAll} with one statement for all 10,000 rows ({@code
   * insertBatchSize(10_000)}).
   */
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
    return Flux.from(
            s.bind(0, rows.stream().map(InsertedItem::name).toArray(String[]::new))
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
    return RawR2dbc.withConnection(
            factory,
            c ->
                Flux.from(
                        c.createStatement("SELECT id, randomnumber FROM world WHERE id = $1")
                            .bind(0, id)
                            .fetchSize(fetchSize)
                            .execute())
                    .concatMap(
                        result ->
                            result.map(
                                (row, meta) ->
                                    new World(
                                        row.get(0, Integer.class), row.get(1, Integer.class)))))
        .singleOrEmpty();
  }

  private static int randomId() {
    return ThreadLocalRandom.current().nextInt(1, BenchDatabase.WORLD_ROWS + 1);
  }
}
