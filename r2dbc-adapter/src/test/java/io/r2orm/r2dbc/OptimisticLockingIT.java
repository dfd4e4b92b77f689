package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.exception.OptimisticLockException;
import io.r2orm.r2dbc.faults.Counter;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.retry.Retry;

/**
 * Versioned updates under contention: no increment is lost, every conflict is an {@link
 * OptimisticLockException}, and a stale update changes nothing.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class OptimisticLockingIT extends DatabaseTest {
  private static final int WRITERS = 64;
  private static final int INCREMENTS = 5;

  @BeforeEach
  void counter() {
    testDatabase()
        .sql(
            "DROP TABLE IF EXISTS ol_counter",
            Counter.DDL,
            "INSERT INTO ol_counter (id, hits, version) VALUES (1, 0, 1)");
  }

  private long column(String name) {
    return testDatabase().queryOne("SELECT " + name + " FROM ol_counter WHERE id = 1", Long.class);
  }

  @Test
  void concurrentWritersThatRetryOnConflictLoseNoIncrement() {
    AtomicLong attempts = new AtomicLong();
    AtomicLong conflicts = new AtomicLong();
    // read, pause a moment so that the writers interleave, write what was read plus one; re-read on
    // every retry
    Mono<Counter> increment =
        db().findById(Counter.class, 1L)
            .doOnNext(c -> attempts.incrementAndGet())
            .delayUntil(c -> Mono.delay(Duration.ofMillis(ThreadLocalRandom.current().nextInt(2))))
            .flatMap(c -> db().update(c.incremented()))
            .doOnError(OptimisticLockException.class, e -> conflicts.incrementAndGet())
            .retryWhen(Retry.indefinitely().filter(OptimisticLockException.class::isInstance));
    Flux<Counter> writers =
        Flux.range(0, WRITERS)
            .flatMap(w -> Flux.range(0, INCREMENTS).concatMap(i -> increment), WRITERS);
    StepVerifier.create(writers.count())
        .expectNext((long) WRITERS * INCREMENTS)
        .expectComplete()
        .verify(Duration.ofSeconds(60));
    System.out.println(
        "OptimisticLockingIT on "
            + kind
            + ": "
            + attempts.get()
            + " attempts, "
            + conflicts.get()
            + " conflicts");
    assertThat(column("hits")).isEqualTo((long) WRITERS * INCREMENTS);
    assertThat(column("version")).isEqualTo(1L + WRITERS * INCREMENTS);
    assertThat(conflicts.get()).as("the writers must really have collided").isPositive();
    assertThat(attempts.get()).isEqualTo((long) WRITERS * INCREMENTS + conflicts.get());
  }

  @Test
  void aStaleUpdateFailsAndChangesNothing() {
    Counter read = db().findById(Counter.class, 1L).block(Duration.ofSeconds(10));
    StepVerifier.create(db().update(read.incremented()))
        .assertNext(stored -> assertThat(stored.version()).isEqualTo(2L))
        .expectComplete()
        .verify(Duration.ofSeconds(10));
    StepVerifier.create(db().update(new Counter(1L, 100, read.version())))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isExactlyInstanceOf(OptimisticLockException.class)
                    .hasMessageContaining("Counter")
                    .hasMessageContaining("id 1")
                    .hasMessageContaining("version 1"))
        .verify(Duration.ofSeconds(10));
    assertThat(column("hits")).isEqualTo(1L);
    assertThat(column("version")).isEqualTo(2L);
  }

  @Test
  void aStaleDeleteFailsAndKeepsTheRow() {
    Counter read = db().findById(Counter.class, 1L).block(Duration.ofSeconds(10));
    db().update(read.incremented()).block(Duration.ofSeconds(10));
    StepVerifier.create(db().delete(read))
        .expectError(OptimisticLockException.class)
        .verify(Duration.ofSeconds(10));
    assertThat(column("version")).isEqualTo(2L);
  }

  @Test
  void updatingADeletedRowIsAConflict() {
    Counter read = db().findById(Counter.class, 1L).block(Duration.ofSeconds(10));
    testDatabase().sql("DELETE FROM ol_counter");
    StepVerifier.create(db().update(read.incremented()))
        .expectError(OptimisticLockException.class)
        .verify(Duration.ofSeconds(10));
    assertThat(testDatabase().queryOne("SELECT COUNT(*) FROM ol_counter", Long.class)).isZero();
  }
}
