package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2orm.core.sql.Bind;
import io.r2orm.core.sql.SqlStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/** Statements and helpers shared by the engine unit tests. */
final class Fixtures {
  static final Duration WAIT = Duration.ofSeconds(5);

  /** The first column as an Integer. */
  static final BiFunction<Row, RowMetadata, Integer> INT = (row, meta) -> row.get(0, Integer.class);

  private Fixtures() {}

  /** A statement with Integer binds. */
  static SqlStatement sql(String sql, Object... binds) {
    return new SqlStatement(sql, Arrays.stream(binds).map(b -> new Bind(b, b.getClass())).toList());
  }

  /** The select cut to {@code n} rows, as the engine's callers render it. */
  static IntFunction<SqlStatement> limited(SqlStatement select) {
    return n -> new SqlStatement(select.sql() + " LIMIT " + n, select.binds());
  }

  static List<Integer> range(int fromInclusive, int toInclusive) {
    return java.util.stream.IntStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("timed out waiting for a latch");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
