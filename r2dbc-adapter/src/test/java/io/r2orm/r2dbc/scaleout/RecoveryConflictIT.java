package io.r2orm.r2dbc.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactories;
import io.r2orm.core.exception.ConnectionFailureException;
import io.r2orm.core.exception.R2ormException;
import io.r2orm.core.exception.RecoveryConflictException;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.TransactionOptions;
import io.r2orm.testsupport.ScaleOut;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A read on the replica that replay conflicts with (the primary takes an ACCESS EXCLUSIVE lock on
 * the table it reads), with {@code max_standby_streaming_delay} lowered to half a second on the
 * replica for the test: the replica cancels the read, and r2orm says so with a retryable {@link
 * RecoveryConflictException} rather than a connection failure.
 */
class RecoveryConflictIT {
  private static final String SCHEMA = "r2orm_conflict_it";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static String primaryUrl;
  private static String replicaUrl;
  private static ConnectionPool primary;
  private static ConnectionPool replica;
  private static Database db;

  @BeforeAll
  static void start() {
    Optional<String> p = ScaleOut.url(ScaleOut.REPLICA_PRIMARY_URL);
    Optional<String> r = ScaleOut.url(ScaleOut.REPLICA_URL);
    assumeTrue(
        p.isPresent() && r.isPresent(),
        "no replica: set "
            + ScaleOut.REPLICA_PRIMARY_URL
            + " and "
            + ScaleOut.REPLICA_URL
            + " (.ci/scale-out/README.md)");
    primaryUrl = p.get();
    replicaUrl = r.get();
    Replicas.execute(
        ConnectionFactories.get(primaryUrl),
        "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE",
        "CREATE SCHEMA " + SCHEMA,
        "SET search_path TO "
            + SCHEMA
            + "; "
            + ConflictRow.DDL
            + "; INSERT INTO conflict_row (note) SELECT 'row ' || g FROM generate_series(1, 2000) g");
    Replicas.execute(
        ConnectionFactories.get(replicaUrl),
        "ALTER SYSTEM SET max_standby_streaming_delay = '500ms'",
        "SELECT pg_reload_conf()");
    primary = Replicas.pool(Replicas.factory(primaryUrl, SCHEMA, "conflict-it-primary"));
    replica = Replicas.pool(Replicas.factory(replicaUrl, SCHEMA, "conflict-it-replica"));
    db = Database.builder(primary).readReplica(replica).fetchSize(100).build();
    Replicas.awaitReplay(primaryUrl, replicaUrl);
  }

  @AfterAll
  static void stop() {
    if (primary != null) {
      primary.disposeLater().block(WAIT);
      replica.disposeLater().block(WAIT);
      Replicas.execute(
          ConnectionFactories.get(replicaUrl),
          "ALTER SYSTEM RESET max_standby_streaming_delay",
          "SELECT pg_reload_conf()");
      Replicas.execute(
          ConnectionFactories.get(primaryUrl), "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Test
  void aReadCancelledByReplayIsARetryableRecoveryConflict() {
    // the read holds its lock on the replica for 5 s; the primary's lock conflicts with it after
    // 0.5 s of replay delay
    Mono<Long> read =
        db.onReplica().sql("SELECT count(*) FROM conflict_row, pg_sleep(5)").one(Long.class);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Mono<Void> lockOnPrimary =
        Replicas.awaitSession(replicaUrl, "conflict-it-replica", "active")
            .then(
                db.transaction(
                        tx -> tx.sql("LOCK TABLE conflict_row IN ACCESS EXCLUSIVE MODE").execute())
                    .then());
    Flux.merge(read.doOnError(failure::set).onErrorResume(e -> Mono.empty()).then(), lockOnPrimary)
        .blockLast(WAIT);
    assertThat(failure.get())
        .isInstanceOf(RecoveryConflictException.class)
        .hasMessageContaining("conflict with recovery");
    assertThat(R2ormException.isRetryable(failure.get())).isTrue();
    // run again, it succeeds
    assertThat(db.onReplica().select(ConflictRow.class).count().block(WAIT)).isEqualTo(2000);
  }

  @Test
  void aCursorStreamIdleBetweenWindowsWhenReplayConflictsFailsRetryably() {
    // longer than a fetch window: DECLARE/FETCH in a read-only transaction on the replica, idle
    // between windows
    Sinks.Empty<Void> conflicted = Sinks.empty();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Flux<ConflictRow> stream =
        db.transaction(
                TransactionOptions.defaults().withReadOnly(true),
                tx -> tx.select(ConflictRow.class).all())
            .concatMap(
                row -> row.id() == 50 ? conflicted.asMono().thenReturn(row) : Mono.just(row));
    long before = Replicas.lockConflicts(replicaUrl).block(WAIT);
    // the stream waits at row 50, its session idle in its transaction, until replay has ended that
    // session
    Mono<Void> conflict =
        Replicas.awaitSession(replicaUrl, "conflict-it-replica", "idle in transaction")
            .then(
                db.transaction(
                        tx -> tx.sql("LOCK TABLE conflict_row IN ACCESS EXCLUSIVE MODE").execute())
                    .then())
            .then(
                Replicas.until(
                    Replicas.lockConflicts(replicaUrl).map(n -> n > before),
                    "the replica to resolve the conflict"))
            .doFinally(s -> conflicted.tryEmitEmpty());
    Long rows =
        Flux.merge(
                stream.doOnError(failure::set).onErrorResume(e -> Mono.empty()).count(),
                conflict.then(Mono.<Long>empty()))
            .blockLast(WAIT);
    assertThat(failure.get()).as("the stream failed (it read " + rows + " rows)").isNotNull();
    // the replica's FATAL reaches the driver either before the next FETCH
    // (RecoveryConflictException) or as the
    // closed connection under it (ConnectionFailureException): retryable both ways, the transaction
    // being read-only
    assertThat(failure.get())
        .isInstanceOfAny(RecoveryConflictException.class, ConnectionFailureException.class);
    assertThat(R2ormException.isRetryable(failure.get()))
        .as(String.valueOf(failure.get()))
        .isTrue();
  }
}
