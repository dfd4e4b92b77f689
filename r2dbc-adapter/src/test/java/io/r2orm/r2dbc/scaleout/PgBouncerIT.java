package io.r2orm.r2dbc.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import io.r2orm.core.exception.QueryTimeoutException;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.TransactionOptions;
import io.r2orm.testsupport.ScaleOut;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * r2orm behind PgBouncer in transaction mode, in both safe configurations (see
 * docs/replicas-and-poolers.md): 1.18 with the driver's statement cache off, and 1.21+ with {@code
 * max_prepared_statements}. Every read and write path, concurrency beyond the server connections,
 * and statement timeouts that leave nothing behind on a server connection.
 */
class PgBouncerIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int SHELVES = 600;

  private final List<ConnectionPool> pools = new ArrayList<>();

  /**
   * Every connection comes back. A statement cancelled by its timeout reaches the caller while its
   * connection is still being given back (the cancellation's clean-up runs on), so this waits for
   * the condition, up to 10 s, as DatabaseTest does.
   */
  @AfterEach
  void closePools() throws InterruptedException {
    for (ConnectionPool pool : pools) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (pool.getMetrics().orElseThrow().acquiredSize() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(pool.getMetrics().orElseThrow().acquiredSize())
          .as("client connections still lent out 10 s after the test")
          .isZero();
      pool.disposeLater().block(WAIT);
    }
  }

  private Database database(
      String variable, int poolSize, Function<Database.Builder, Database.Builder> settings) {
    String url = ScaleOut.url(variable).orElse(null);
    assumeTrue(url != null, "no PgBouncer: set " + variable + " (.ci/scale-out/README.md)");
    ConnectionFactory factory =
        ConnectionFactories.get(
            ConnectionFactoryOptions.parse(url)
                .mutate()
                .option(Option.valueOf("applicationName"), "pgbouncer-it")
                .build());
    ConnectionPool pool =
        new ConnectionPool(
            ConnectionPoolConfiguration.builder(factory)
                .initialSize(0)
                .maxSize(poolSize)
                .maxAcquireTime(Duration.ofSeconds(30))
                .build());
    pools.add(pool);
    return settings.apply(Database.builder(pool)).build();
  }

  private Database database(String variable) {
    Database db = database(variable, 8, b -> b);
    db.sql("DROP TABLE IF EXISTS volume, shelf, pgb_bin").execute().block(WAIT);
    for (String ddl :
        List.of(
            Bin.DDL,
            Shelf.DDL,
            Volume.DDL,
            "INSERT INTO shelf (name) SELECT 'shelf ' || g FROM generate_series(1, "
                + SHELVES
                + ") g",
            "INSERT INTO volume (title, shelf_id) SELECT 'volume ' || s.id || '.' || k, s.id FROM shelf s, generate_series(1, 2) k")) {
      db.sql(ddl).execute().block(WAIT);
    }
    return db;
  }

  @ParameterizedTest
  @ValueSource(strings = {ScaleOut.PGBOUNCER_URL, ScaleOut.PGBOUNCER_PREPARED_URL})
  void simpleAndBoundStatementsAndRepositories(String variable) {
    Database db = database(variable);
    assertThat(db.sql("SELECT 1").one(Integer.class).block(WAIT)).isEqualTo(1);
    // the same bound statements many times, over whichever server connection PgBouncer picks
    for (int i = 0; i < 50; i++) {
      Bin stored = db.insert(Bin.of("bound " + i)).block(WAIT);
      assertThat(db.findById(Bin.class, stored.id()).block(WAIT)).isEqualTo(stored);
      assertThat(
              db.sql("SELECT label FROM pgb_bin WHERE id = :id")
                  .bind("id", stored.id())
                  .one(String.class)
                  .block(WAIT))
          .isEqualTo("bound " + i);
    }
    BinRepository bins = db.repository(BinRepository.class);
    bins.save(new Bin(null, "repo", 7, 0)).block(WAIT);
    assertThat(bins.findByLabelStartingWithOrderByIdAsc("bound ").count().block(WAIT))
        .isEqualTo(50);
    assertThat(bins.countByLabel("repo").block(WAIT)).isEqualTo(1);
    assertThat(bins.withAtLeast(7).map(Bin::label).collectList().block(WAIT))
        .containsExactly("repo");
    assertThat(bins.count().block(WAIT)).isEqualTo(51);
  }

  @ParameterizedTest
  @ValueSource(strings = {ScaleOut.PGBOUNCER_URL, ScaleOut.PGBOUNCER_PREPARED_URL})
  void insertAllAndTransactionsWithSavepoints(String variable) {
    Database db = database(variable);
    List<Bin> many = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      many.add(Bin.of("many " + i));
    }
    assertThat(db.insertAll(many).count().block(WAIT)).isEqualTo(2_500);

    // the inner failure rolls back to its savepoint; the outer work commits
    db.transaction(
            tx ->
                tx.insert(Bin.of("kept"))
                    .then(
                        tx.transaction(
                                TransactionOptions.defaults().nested(),
                                inner ->
                                    inner
                                        .insert(Bin.of("undone"))
                                        .then(
                                            Mono.error(new IllegalStateException("inner failure"))))
                            .onErrorResume(IllegalStateException.class, e -> Mono.empty())
                            .then()))
        .blockLast(WAIT);
    assertThat(
            db.sql("SELECT count(*) FROM pgb_bin WHERE label = 'kept'").one(Long.class).block(WAIT))
        .isEqualTo(1);
    assertThat(
            db.sql("SELECT count(*) FROM pgb_bin WHERE label = 'undone'")
                .one(Long.class)
                .block(WAIT))
        .isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {ScaleOut.PGBOUNCER_URL, ScaleOut.PGBOUNCER_PREPARED_URL})
  void aCursorStreamWithAWritePerRowAndAFetchPlan(String variable) {
    Database db = database(variable);
    // longer than two windows: DECLARE/FETCH inside the transaction, an UPDATE between rows
    Long updated =
        db.transaction(
                tx ->
                    tx.select(Shelf.class)
                        .all()
                        .concatMap(
                            s ->
                                tx.update(Shelf.class)
                                    .set(Shelf_.NAME, s.name() + "!")
                                    .where(Shelf_.ID.eq(s.id()))
                                    .execute()))
            .reduce(0L, Long::sum)
            .block(WAIT);
    assertThat(updated).isEqualTo(SHELVES);
    assertThat(db.select(Shelf.class).where(Shelf_.NAME.endsWith("!")).count().block(WAIT))
        .isEqualTo(SHELVES);
    // outside a transaction: a snapshot transaction with a cursor, relation batches between windows
    List<Shelf> shelves =
        db.select(Shelf.class).fetch(Shelf_.VOLUMES).all().collectList().block(WAIT);
    assertThat(shelves).hasSize(SHELVES).allSatisfy(s -> assertThat(s.volumes()).hasSize(2));
  }

  @ParameterizedTest
  @ValueSource(strings = {ScaleOut.PGBOUNCER_URL, ScaleOut.PGBOUNCER_PREPARED_URL})
  void streamingWithAFetchSizeOutsideATransaction(String variable) {
    Database db = database(variable, 8, b -> b.fetchSize(100));
    db.sql("DROP TABLE IF EXISTS pgb_bin").execute().block(WAIT);
    db.sql(Bin.DDL).execute().block(WAIT);
    db.sql(
            "INSERT INTO pgb_bin (label, hits, version) SELECT 'row ' || g, g, 0 FROM generate_series(1, 5000) g")
        .execute()
        .block(WAIT);
    // fifty Executes of one portal, paged by the driver within one implicit transaction
    assertThat(
            db.select(Bin.class).all().map(Bin::hits).reduce(0L, (sum, h) -> sum + h).block(WAIT))
        .isEqualTo(5000L * 5001 / 2);
    assertThat(db.select(Bin.class).all().take(10).count().block(WAIT)).isEqualTo(10);
  }

  @ParameterizedTest
  @ValueSource(strings = {ScaleOut.PGBOUNCER_URL, ScaleOut.PGBOUNCER_PREPARED_URL})
  void sixtyFourClientsOverEightServerConnectionsGetNoError(String variable) {
    Database setup = database(variable);
    List<Bin> seed = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      seed.add(Bin.of("seed " + i));
    }
    List<Long> ids = setup.insertAll(seed).map(Bin::id).collectList().block(WAIT);
    Database db = database(variable, 64, b -> b);
    AtomicInteger errors = new AtomicInteger();
    AtomicLong operations = new AtomicLong();
    long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
    Flux.range(0, 64)
        .flatMap(
            client ->
                Flux.range(0, Integer.MAX_VALUE)
                    .takeWhile(i -> System.nanoTime() < deadline)
                    .concatMap(
                        i ->
                            operation(db, ids, i)
                                .then()
                                .doOnSuccess(x -> operations.incrementAndGet())
                                .onErrorResume(
                                    e -> {
                                      if (errors.incrementAndGet() <= 3) {
                                        e.printStackTrace();
                                      }
                                      return Mono.empty();
                                    })),
            64)
        .blockLast(Duration.ofSeconds(120));
    assertThat(errors.get()).as("failed operations of " + operations.get()).isZero();
    assertThat(operations.get()).isGreaterThan(64);
  }

  private static Mono<?> operation(Database db, List<Long> ids, int i) {
    Long id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    switch (i % 5) {
      case 0:
        return db.findById(Bin.class, id);
      case 1:
        return db.select(Bin.class).where(Bin_.LABEL.startsWith("seed 1")).all().count();
      case 2:
        return db.transaction(
                tx -> tx.insert(Bin.of("client")).flatMap(b -> tx.deleteById(Bin.class, b.id())))
            .then();
      case 3:
        return db.update(Bin.class).set(Bin_.HITS, i).where(Bin_.ID.eq(id)).execute();
      default:
        return db.select(Shelf.class).where(Shelf_.ID.le(300L)).fetch(Shelf_.VOLUMES).all().count();
    }
  }

  /**
   * Finding 1 of the scale-out issue: one service with a statement timeout, another without, on the
   * same PgBouncer. The timeout must hold for every statement of the first and for none of the
   * second, which must never see it set.
   */
  @ParameterizedTest
  @ValueSource(strings = {ScaleOut.PGBOUNCER_URL, ScaleOut.PGBOUNCER_PREPARED_URL})
  void aStatementTimeoutStaysWithTheServiceThatSetIt(String variable) {
    Database timed = database(variable, 4, b -> b.statementTimeout(Duration.ofMillis(300)));
    Database plain = database(variable, 4, b -> b);
    String slow = "SELECT 1 FROM pg_sleep(0.5)";
    AtomicInteger timedCancelled = new AtomicInteger();
    AtomicInteger plainCancelled = new AtomicInteger();
    java.util.function.BiFunction<Database, AtomicInteger, Flux<Integer>> slowOnes =
        (db, cancelled) ->
            Flux.range(0, 40)
                .flatMap(
                    i ->
                        (i % 2 == 0
                                ? db.sql(slow).one(Integer.class)
                                : db.transaction(tx -> tx.sql(slow).one(Integer.class)).next())
                            .onErrorResume(
                                QueryTimeoutException.class,
                                e -> {
                                  cancelled.incrementAndGet();
                                  return Mono.empty();
                                }),
                    4);
    Flux<Integer> first = slowOnes.apply(timed, timedCancelled);
    Flux<Integer> second = slowOnes.apply(plain, plainCancelled);
    Flux<String> seen =
        Flux.range(0, 20).concatMap(i -> plain.sql("SHOW statement_timeout").one(String.class));
    List<String> settings = new ArrayList<>();
    Flux.merge(first.then(), second.then(), seen.doOnNext(settings::add).then()).blockLast(WAIT);

    assertThat(timedCancelled.get())
        .as("slow statements cancelled for the service with a 300 ms timeout")
        .isEqualTo(40);
    assertThat(plainCancelled.get())
        .as("slow statements cancelled for the service without one")
        .isZero();
    assertThat(settings).hasSize(20).containsOnly("0");
  }

  @ParameterizedTest
  @ValueSource(strings = {ScaleOut.PGBOUNCER_URL, ScaleOut.PGBOUNCER_PREPARED_URL})
  void aFailedTimeoutDoesNotOutliveItsTransaction(String variable) {
    Database timed = database(variable, 2, b -> b.statementTimeout(Duration.ofMillis(300)));
    assertThatThrownBy(
            () ->
                timed
                    .transaction(tx -> tx.sql("SELECT 1 FROM pg_sleep(0.5)").one(Integer.class))
                    .blockLast(WAIT))
        .isInstanceOf(QueryTimeoutException.class);
    assertThat(timed.sql("SHOW statement_timeout").one(String.class).block(WAIT))
        .isEqualTo("300ms");
  }
}
