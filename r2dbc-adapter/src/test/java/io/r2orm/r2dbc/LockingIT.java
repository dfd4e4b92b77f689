package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.exception.StatementException;
import io.r2orm.core.query.Lock;
import io.r2orm.r2dbc.model.Book;
import io.r2orm.r2dbc.model.Book_;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Row locks held by one transaction, seen from another. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class LockingIT extends DatabaseTest {

  @BeforeEach
  void rows() {
    db().schema().drop(Book.class).block();
    db().schema().create(Book.class).block();
    testDatabase()
        .sql(
            "INSERT INTO book (id, title, \"year\", version) VALUES (1, 'a', 1, 1), (2, 'b', 2, 1), (3, 'c', 3, 1)");
  }

  /** Runs {@code whileLocked} while another transaction holds FOR UPDATE on book 1. */
  private void withRowOneLocked(Runnable whileLocked) throws InterruptedException {
    CountDownLatch locked = new CountDownLatch(1);
    CompletableFuture<Void> release = new CompletableFuture<>();
    Disposable holder =
        db().transaction(
                tx ->
                    tx.select(Book.class)
                        .where(Book_.ID.eq(1L))
                        .forUpdate()
                        .all()
                        .then(Mono.fromRunnable(locked::countDown))
                        .then(Mono.fromFuture(release)))
            .subscribe();
    try {
      assertThat(locked.await(10, TimeUnit.SECONDS)).as("row 1 locked").isTrue();
      whileLocked.run();
    } finally {
      release.complete(null);
      Mono.delay(Duration.ofMillis(200)).block();
      holder.dispose();
    }
  }

  @Test
  void skipLockedLeavesOutRowsAnotherTransactionHolds() throws InterruptedException {
    withRowOneLocked(
        () -> {
          List<Long> free =
              db().transaction(
                      tx ->
                          tx.select(Book.class)
                              .orderBy(Book_.ID.asc())
                              .lock(Lock.forUpdate().skipLocked())
                              .all()
                              .map(Book::id))
                  .collectList()
                  .block(Duration.ofSeconds(10));
          assertThat(free).containsExactly(2L, 3L);
        });
  }

  @Test
  void noWaitFailsAtOnceOnALockedRow() throws InterruptedException {
    withRowOneLocked(
        () ->
            StepVerifier.create(
                    db().transaction(
                            tx ->
                                tx.select(Book.class)
                                    .where(Book_.ID.eq(1L))
                                    .lock(Lock.forUpdate().noWait())
                                    .all()))
                .expectErrorSatisfies(
                    e ->
                        assertThat(e)
                            .isInstanceOf(StatementException.class)
                            .hasMessageContaining("FOR UPDATE NOWAIT"))
                .verify(Duration.ofSeconds(10)));
  }
}
