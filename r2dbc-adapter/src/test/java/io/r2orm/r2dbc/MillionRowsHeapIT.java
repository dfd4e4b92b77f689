package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.r2dbc.model.Book;
import io.r2orm.r2dbc.model.Book_;
import io.r2orm.r2dbc.test.TestDatabase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A select of 1,000,000 rows streams in constant memory: Failsafe forks this class with -Xmx64m
 * (see the r2dbc-adapter pom). Outside a transaction the driver fetches 10,000 rows per round trip;
 * inside one, r2orm reads through a cursor a window at a time. PostgreSQL only: an in-memory H2
 * would hold the million rows in the same small heap.
 */
class MillionRowsHeapIT {
  private static final int ROWS = 1_000_000;
  private static TestDatabase pg;

  @BeforeAll
  static void data() {
    pg = TestDatabase.open(TestDatabase.Kind.POSTGRES, "MillionRowsHeapIT");
    pg.db().schema().create(Book.class).block(Duration.ofMinutes(1));
    pg.sql(
        "INSERT INTO book (id, title, \"year\", author_id, version) "
            + "SELECT g, 'a rather long title for book number ' || g, g % 3000, g % 977, 1 FROM generate_series(1, "
            + ROWS
            + ") g");
  }

  @AfterAll
  static void drop() {
    pg.close();
  }

  @Test
  void aMillionRowsStreamInASmallHeap() {
    assertThat(Runtime.getRuntime().maxMemory())
        .as("this test must run with -Xmx64m")
        .isLessThan(70L * 1024 * 1024);
    AtomicLong sum = new AtomicLong();
    Long count =
        pg.db()
            .select(Book.class)
            .all()
            .doOnNext(b -> sum.addAndGet(b.year()))
            .count()
            .block(Duration.ofMinutes(5));
    assertThat(count).isEqualTo(ROWS);
    assertThat(sum.get()).isEqualTo(expectedYearSum());
  }

  @Test
  void aMillionRowsStreamInsideATransactionThroughACursor() {
    Long count =
        pg.db()
            .transaction(tx -> tx.select(Book.class).orderBy(Book_.ID.asc()).all().count())
            .single()
            .block(Duration.ofMinutes(5));
    assertThat(count).isEqualTo(ROWS);
  }

  private static long expectedYearSum() {
    long sum = 0;
    for (long g = 1; g <= ROWS; g++) {
      sum += g % 3000;
    }
    return sum;
  }
}
