package io.r2orm.benchmarks;

import io.netty.buffer.Unpooled;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import io.r2orm.benchmarks.contender.Jdbc;
import io.r2orm.benchmarks.contender.R2orm;
import io.r2orm.benchmarks.contender.R2ormRecommended;
import io.r2orm.benchmarks.contender.RawDriver;
import io.r2orm.benchmarks.contender.RawR2dbc;
import io.r2orm.benchmarks.contender.SpringData;
import io.r2orm.benchmarks.model.InsertedItem;
import io.r2orm.benchmarks.spring.SpringInsertedItem;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Workload 4: insert 10,000 rows in one transaction and get their generated ids back, one way per
 * line (one statement per row, a driver batch, multi-row {@code VALUES}, {@code unnest} arrays,
 * r2orm's {@code insertAll}); {@code COPY} returns no ids and is a reference only. The table is
 * emptied before every iteration. The score is rows per second. The three lines that send one
 * statement per row take seconds per invocation, so they run fewer, shorter iterations.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BenchDatabase.INSERT_ROWS)
public class InsertBenchmark {
  /** Rows per multi-row {@code VALUES} statement: r2orm's default insert batch. */
  static final int VALUES_ROWS = 1000;

  private static final String COLUMNS =
      "INSERT INTO inserted_item (name, quantity, created_at, price)";
  private static final String ONE_ROW = COLUMNS + " VALUES ($1, $2, $3, $4) RETURNING id";
  private static final String UNNEST =
      COLUMNS
          + " SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::numeric[]) RETURNING id";
  private static final String COPY =
      "COPY inserted_item (name, quantity, created_at, price) FROM STDIN";
  private static final String VALUES = valuesSql(VALUES_ROWS);

  List<InsertedItem> rows;
  List<SpringInsertedItem> springRows;

  @Setup(Level.Trial)
  public void createRows() {
    rows = new ArrayList<>(BenchDatabase.INSERT_ROWS);
    springRows = new ArrayList<>(BenchDatabase.INSERT_ROWS);
    OffsetDateTime start = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    for (int i = 0; i < BenchDatabase.INSERT_ROWS; i++) {
      InsertedItem row =
          new InsertedItem(
              null, "inserted-" + i, i % 1000, start.plusSeconds(i), BigDecimal.valueOf(i, 2));
      rows.add(row);
      springRows.add(
          new SpringInsertedItem(null, row.name(), row.quantity(), row.createdAt(), row.price()));
    }
  }

  @Setup(Level.Iteration)
  public void emptyTable() {
    BenchDatabase.truncateInserted();
  }

  @Benchmark
  @Warmup(iterations = 2, time = 1)
  @Measurement(iterations = 2, time = 1)
  public long rawOneByOne(RawDriver raw) {
    return check(
        RawR2dbc.inTransaction(
            raw.pool,
            c ->
                Flux.fromIterable(rows)
                    .concatMap(r -> ids(bind(c.createStatement(ONE_ROW), r, 0)))));
  }

  @Benchmark
  @Warmup(iterations = 2, time = 1)
  @Measurement(iterations = 2, time = 1)
  public long rawStatementAdd(RawDriver raw) {
    return check(
        RawR2dbc.inTransaction(
            raw.pool,
            c -> {
              Statement s = c.createStatement(ONE_ROW);
              for (int i = 0; i < rows.size(); i++) {
                if (i > 0) {
                  s.add();
                }
                bind(s, rows.get(i), 0);
              }
              return ids(s);
            }));
  }

  @Benchmark
  public long rawMultiRowValues(RawDriver raw) {
    return check(rawMultiRowValues(raw.pool, rows));
  }

  @Benchmark
  public long rawUnnest(RawDriver raw) {
    return check(
        RawR2dbc.inTransaction(
            raw.pool,
            c ->
                ids(
                    c.createStatement(UNNEST)
                        .bind(0, rows.stream().map(InsertedItem::name).toArray(String[]::new))
                        .bind(1, rows.stream().map(InsertedItem::quantity).toArray(Integer[]::new))
                        .bind(
                            2,
                            rows.stream()
                                .map(InsertedItem::createdAt)
                                .toArray(OffsetDateTime[]::new))
                        .bind(
                            3,
                            rows.stream().map(InsertedItem::price).toArray(BigDecimal[]::new)))));
  }

  /**
   * {@code COPY … FROM STDIN} in text format; returns no generated keys, so it is only a reference.
   */
  @Benchmark
  public long rawCopyNoKeys(RawDriver raw) {
    StringBuilder text = new StringBuilder(rows.size() * 48);
    for (InsertedItem r : rows) {
      text.append(r.name())
          .append('\t')
          .append(r.quantity())
          .append('\t')
          .append(r.createdAt())
          .append('\t')
          .append(r.price().toPlainString())
          .append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    Long copied =
        RawR2dbc.inTransaction(
                raw.pool,
                c ->
                    postgres(c)
                        .copyIn(COPY, Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bytes))))
            .single()
            .block();
    return check(copied);
  }

  @Benchmark
  public long r2orm(R2orm r2orm) {
    return check(r2orm.db.insertAll(rows));
  }

  @Benchmark
  public long r2ormRecommended(R2ormRecommended r2orm) {
    return check(r2orm.db.insertAll(rows));
  }

  /** The template inserts one entity per statement; Spring Data R2DBC has no batch insert. */
  @Benchmark
  @Warmup(iterations = 2, time = 1)
  @Measurement(iterations = 2, time = 1)
  public long springOneByOne(SpringData spring) {
    return check(
        spring.transactional.transactional(
            Flux.fromIterable(springRows).concatMap(spring.template::insert)));
  }

  /**
   * {@code addBatch} with pgjdbc's {@code reWriteBatchedInserts}, keys from {@code
   * getGeneratedKeys}.
   */
  @Benchmark
  public long jdbcBatch(Jdbc jdbc) throws SQLException {
    return check(jdbcBatch(jdbc.dataSource, rows));
  }

  static Flux<Long> rawMultiRowValues(ConnectionFactory factory, List<InsertedItem> rows) {
    return RawR2dbc.inTransaction(
        factory,
        c ->
            Flux.fromIterable(chunks(rows, VALUES_ROWS))
                .concatMap(
                    chunk -> {
                      Statement s =
                          c.createStatement(
                              chunk.size() == VALUES_ROWS ? VALUES : valuesSql(chunk.size()));
                      for (int i = 0; i < chunk.size(); i++) {
                        bind(s, chunk.get(i), i * 4);
                      }
                      return ids(s);
                    }));
  }

  static long jdbcBatch(DataSource dataSource, List<InsertedItem> rows) throws SQLException {
    try (java.sql.Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      long keys = 0;
      try (PreparedStatement ps =
          c.prepareStatement(
              ONE_ROW.replaceAll("\\$\\d", "?").replace(" RETURNING id", ""),
              new String[] {"id"})) {
        for (InsertedItem r : rows) {
          ps.setString(1, r.name());
          ps.setInt(2, r.quantity());
          ps.setObject(3, r.createdAt());
          ps.setBigDecimal(4, r.price());
          ps.addBatch();
        }
        ps.executeBatch();
        try (ResultSet rs = ps.getGeneratedKeys()) {
          while (rs.next()) {
            rs.getLong(1);
            keys++;
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      return keys;
    }
  }

  private static String valuesSql(int rows) {
    StringBuilder sql = new StringBuilder(COLUMNS).append(" VALUES ");
    for (int i = 0; i < rows; i++) {
      int p = i * 4;
      sql.append(i > 0 ? ", (" : "(")
          .append('$')
          .append(p + 1)
          .append(", $")
          .append(p + 2)
          .append(", $")
          .append(p + 3)
          .append(", $")
          .append(p + 4)
          .append(')');
    }
    return sql.append(" RETURNING id").toString();
  }

  private static Statement bind(Statement s, InsertedItem r, int offset) {
    return s.bind(offset, r.name())
        .bind(offset + 1, r.quantity())
        .bind(offset + 2, r.createdAt())
        .bind(offset + 3, r.price());
  }

  private static Flux<Long> ids(Statement s) {
    return Flux.from(s.execute())
        .concatMap(result -> result.map((row, meta) -> row.get(0, Long.class)));
  }

  private static PostgresqlConnection postgres(Connection c) {
    Connection unwrapped = c;
    while (!(unwrapped instanceof PostgresqlConnection) && unwrapped instanceof Wrapped<?> w) {
      unwrapped = (Connection) w.unwrap();
    }
    return (PostgresqlConnection) unwrapped;
  }

  private static <T> List<List<T>> chunks(List<T> all, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < all.size(); i += size) {
      chunks.add(all.subList(i, Math.min(all.size(), i + size)));
    }
    return chunks;
  }

  private static long check(Flux<?> stored) {
    return check(stored.count().block());
  }

  private static long check(Long stored) {
    if (stored == null || stored != BenchDatabase.INSERT_ROWS) {
      throw new IllegalStateException(
          "expected " + BenchDatabase.INSERT_ROWS + " rows stored, got " + stored);
    }
    return stored;
  }
}
