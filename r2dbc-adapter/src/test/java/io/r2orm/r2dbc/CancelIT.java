package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.r2dbc.model.Book;
import io.r2orm.r2dbc.model.Book_;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Cancelling a stream gives the connection back to the pool and stops the query. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class CancelIT extends DatabaseTest {
  private static final int ROWS = 200_000;

  /** The rows are only read, so they are written once per database. */
  @BeforeEach
  void manyRows() {
    db().schema().create(Book.class).block();
    if (testDatabase().queryOne("SELECT COUNT(*) FROM book", Long.class) == ROWS) {
      return;
    }
    String generate =
        testDatabase().kind() == TestDatabase.Kind.POSTGRES
            ? "INSERT INTO book (title, \"year\", version) SELECT 'book ' || g, g % 2000, 1 FROM generate_series(1, "
                + ROWS
                + ") g"
            : "INSERT INTO book (title, \"year\", version) SELECT 'book ' || X, MOD(X, 2000), 1 FROM SYSTEM_RANGE(1, "
                + ROWS
                + ")";
    testDatabase().sql(generate);
  }

  @Test
  void takeOneOfALargeSelectReleasesTheConnection() {
    StepVerifier.create(
            db().select(Book.class).orderBy(Book_.ID.asc()).all().take(1).map(Book::title))
        .expectNext("book 1")
        .verifyComplete();
    awaitIdlePool();
    StepVerifier.create(db().select(Book.class).count()).expectNext((long) ROWS).verifyComplete();
  }

  @Test
  void cancellingManyStreamsMidwayLeavesEveryConnectionIdle() {
    Flux.range(0, 50)
        .flatMap(
            i -> db().select(Book.class).where(Book_.YEAR.ge(i)).all().take(10 + i * 7L).count(), 8)
        .as(StepVerifier::create)
        .expectNextCount(50)
        .verifyComplete();
    awaitIdlePool();
    assertThat(testDatabase().pool().getMetrics().orElseThrow().idleSize()).isPositive();
  }

  @Test
  void disposingASubscriptionReleasesTheConnection() {
    var subscription =
        db().select(Book.class).all().delayElements(Duration.ofMillis(1)).subscribe();
    Flux.interval(Duration.ofMillis(5))
        .takeUntil(t -> testDatabase().acquiredConnections() > 0)
        .blockLast(Duration.ofSeconds(10));
    assertThat(testDatabase().acquiredConnections()).isEqualTo(1);
    subscription.dispose();
    awaitIdlePool();
  }

  private void awaitIdlePool() {
    Flux.interval(Duration.ofMillis(10))
        .takeUntil(t -> testDatabase().acquiredConnections() == 0)
        .blockLast(Duration.ofSeconds(10));
    assertThat(testDatabase().acquiredConnections()).isZero();
  }
}
