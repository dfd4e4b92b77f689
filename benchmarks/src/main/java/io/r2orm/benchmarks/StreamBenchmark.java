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
import io.r2orm.benchmarks.model.Item;
import io.r2orm.benchmarks.model.Item_;
import io.r2orm.benchmarks.spring.SpringItem;
import io.r2orm.r2dbc.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Flux;

/**
 * Workload 2: stream all 100,000 rows of {@code item} (bigint, text, int, timestamptz, numeric)
 * into objects. The score is rows per second.
 *
 * <p>Every contender runs the same statement, {@code … FROM item WHERE quantity >= $1} with 0
 * bound. The bind matters: r2dbc-postgresql sends a statement without binds (and without a fetch
 * size) with the simple query protocol, whose results are always text, so {@code forceBinary(true)}
 * would silently change nothing.
 */
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BenchDatabase.ITEM_ROWS)
public class StreamBenchmark {
  private static final String SQL =
      "SELECT id, name, quantity, created_at, price FROM item WHERE quantity >= $1";

  @Benchmark
  public long raw(RawDriver raw) {
    return check(rawStream(raw.pool));
  }

  @Benchmark
  public long rawBinary(RawDriverBinary raw) {
    return check(rawStream(raw.pool));
  }

  @Benchmark
  public long r2orm(R2orm r2orm) {
    return check(r2ormStream(r2orm.db));
  }

  @Benchmark
  public long r2ormRecommended(R2ormRecommended r2orm) {
    return check(r2ormStream(r2orm.db));
  }

  @Benchmark
  public long spring(SpringData spring) {
    return check(
        spring
            .template
            .select(SpringItem.class)
            .matching(query(where("quantity").greaterThanOrEquals(0)))
            .all());
  }

  @Benchmark
  public long jdbc(Jdbc jdbc, Blackhole bh) throws SQLException {
    return check(jdbcStream(jdbc.dataSource, bh));
  }

  /**
   * Hand-written driver code: one statement, rows mapped by index, no fetch size (driver default).
   */
  static Flux<Item> rawStream(ConnectionFactory factory) {
    return RawR2dbc.withConnection(factory, StreamBenchmark::rawStream);
  }

  /** The hand-written statement on a connection already in hand. */
  static Flux<Item> rawStream(io.r2dbc.spi.Connection c) {
    return Flux.from(c.createStatement(SQL).bind(0, 0).execute())
        .concatMap(
            result ->
                result.map(
                    (row, meta) ->
                        new Item(
                            row.get(0, Long.class),
                            row.get(1, String.class),
                            row.get(2, Integer.class),
                            row.get(3, OffsetDateTime.class),
                            row.get(4, BigDecimal.class))));
  }

  /** r2orm's stream of every row (the same statement). */
  static Flux<Item> r2ormStream(Database db) {
    return db.select(Item.class).where(Item_.QUANTITY.ge(0)).all();
  }

  /** pgjdbc streams only with a fetch size inside a transaction; 1,000 rows per round trip. */
  static long jdbcStream(DataSource dataSource, Blackhole bh) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      long rows = 0;
      try (PreparedStatement ps = c.prepareStatement(SQL.replace("$1", "?"))) {
        ps.setInt(1, 0);
        ps.setFetchSize(1000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            bh.consume(
                new Item(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getObject(4, OffsetDateTime.class),
                    rs.getBigDecimal(5)));
            rows++;
          }
        }
      } finally {
        c.commit();
        c.setAutoCommit(true);
      }
      return rows;
    }
  }

  static long check(Flux<?> rows) {
    return check(rows.count().block());
  }

  private static long check(Long rows) {
    if (rows == null || rows != BenchDatabase.ITEM_ROWS) {
      throw new IllegalStateException(
          "expected " + BenchDatabase.ITEM_ROWS + " rows, streamed " + rows);
    }
    return rows;
  }
}
