package io.r2orm.r2dbc.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.IsolationLevel;
import io.r2orm.core.exception.ConnectionFailureException;
import io.r2orm.core.exception.ReadOnlyTransactionException;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.ReplicaFallback;
import io.r2orm.r2dbc.TransactionOptions;
import io.r2orm.testsupport.ScaleOut;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read replicas against a real primary and hot standby (started by {@code .ci/run}, see {@link
 * ScaleOut}): every kind of work asserts the server it ran on ({@code pg_is_in_recovery()}, {@code
 * inet_server_port()}).
 */
class ReplicaIT {
  private static final String SCHEMA = "r2orm_replica_it";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int SHELVES = 600;
  private static final TransactionOptions READ_ONLY =
      TransactionOptions.defaults().withReadOnly(true);

  private static String primaryUrl;
  private static String replicaUrl;
  private static ConnectionFactory admin;
  private static ConnectionPool primary;
  private static ConnectionPool replica;
  private static Database db;
  private static int replicaPort;

  private final List<ConnectionPool> extraPools = new ArrayList<>();

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
    admin = ConnectionFactories.get(primaryUrl);
    execute(
        admin,
        "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE",
        "CREATE SCHEMA " + SCHEMA,
        "SET search_path TO "
            + SCHEMA
            + "; "
            + Shelf.DDL
            + "; "
            + Volume.DDL
            + "; INSERT INTO shelf (name) SELECT 'shelf ' || g FROM generate_series(1, "
            + SHELVES
            + ") g"
            + "; INSERT INTO volume (title, shelf_id) SELECT 'volume ' || s.id || '.' || k, s.id FROM shelf s, generate_series(1, 2) k");
    primary = pool(factory(primaryUrl, "replica-it-primary"));
    replica = pool(factory(replicaUrl, "replica-it-replica"));
    db = Database.builder(primary).readReplica(replica).build();
    replicaPort =
        Integer.parseInt(
            String.valueOf(
                ConnectionFactoryOptions.parse(replicaUrl)
                    .getRequiredValue(ConnectionFactoryOptions.PORT)));
    awaitReplay();
  }

  @AfterAll
  static void stop() {
    if (primary != null) {
      primary.disposeLater().block(WAIT);
      replica.disposeLater().block(WAIT);
      execute(admin, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @AfterEach
  void poolsAreIdle() {
    for (ConnectionPool pool : List.of(primary, replica)) {
      assertThat(pool.getMetrics().orElseThrow().acquiredSize())
          .as("connections still lent out")
          .isZero();
    }
    extraPools.forEach(pool -> pool.disposeLater().block(WAIT));
  }

  @Test
  void aDefaultTransactionRunsOnThePrimary() {
    Where where = where(db.transaction(tx -> tx.sql(Where.SQL).one(Where.class)));
    assertThat(where.standby()).isFalse();
    assertThat(where.port()).isNotEqualTo(replicaPort);
  }

  @Test
  void aReadOnlyTransactionRunsOnTheReplica() {
    Where where = where(db.transaction(READ_ONLY, tx -> tx.sql(Where.SQL).one(Where.class)));
    assertThat(where.standby()).isTrue();
    assertThat(where.port()).isEqualTo(replicaPort);
  }

  @Test
  void aReadOnlySerializableTransactionRunsOnThePrimaryWhichAloneCanRunIt() {
    Where where =
        where(
            db.transaction(
                READ_ONLY.withIsolation(IsolationLevel.SERIALIZABLE),
                tx -> tx.sql(Where.SQL).one(Where.class)));
    assertThat(where.standby()).isFalse();
  }

  @Test
  void statementsOutsideTransactionsStayOnThePrimaryUnlessTheCallerAsksForTheReplica() {
    assertThat(where(db.sql(Where.SQL).one(Where.class)).standby()).isFalse();
    assertThat(db.select(Shelf.class).count().block(WAIT)).isEqualTo(SHELVES);

    Database onReplica = db.onReplica();
    assertThat(where(onReplica.sql(Where.SQL).one(Where.class)).standby()).isTrue();
    assertThat(onReplica.select(Shelf.class).count().block(WAIT)).isEqualTo(SHELVES);
    // a read-write transaction started from the view still goes to the primary
    assertThat(where(onReplica.transaction(tx -> tx.sql(Where.SQL).one(Where.class))).standby())
        .isFalse();
  }

  @Test
  void withoutReplicasTheReplicaViewIsTheDatabaseItself() {
    Database single = Database.create(primary);
    assertThat(single.onReplica()).isSameAs(single);
    assertThat(
            where(single.transaction(READ_ONLY, tx -> tx.sql(Where.SQL).one(Where.class)))
                .standby())
        .isFalse();
  }

  @Test
  void aWriteThatReachesTheReplicaFailsWithReadOnlyTransactionException() {
    assertThatThrownBy(() -> db.onReplica().insert(new Shelf(null, "nowhere", null)).block(WAIT))
        .isInstanceOf(ReadOnlyTransactionException.class)
        .hasMessageContaining("read-only")
        .hasMessageContaining("primary");
    assertThatThrownBy(
            () ->
                db.transaction(READ_ONLY, tx -> tx.insert(new Shelf(null, "nowhere", null)))
                    .blockLast(WAIT))
        .isInstanceOf(ReadOnlyTransactionException.class);
    assertThat(db.select(Shelf.class).count().block(WAIT)).isEqualTo(SHELVES);
  }

  @Test
  void aReadOnlyCursorStreamWithRelationsRunsOnTheReplica() {
    // longer than two fetch windows of parents (256): a cursor on the replica, relation batches
    // between windows
    List<Object> out =
        db.transaction(
                READ_ONLY,
                tx ->
                    tx.sql(Where.SQL)
                        .one(Where.class)
                        .cast(Object.class)
                        .concatWith(tx.select(Shelf.class).fetch(Shelf_.VOLUMES).all()))
            .collectList()
            .block(WAIT);
    assertThat(((Where) out.get(0)).standby()).isTrue();
    List<Shelf> shelves = out.subList(1, out.size()).stream().map(Shelf.class::cast).toList();
    assertThat(shelves).hasSize(SHELVES);
    assertThat(shelves).allSatisfy(s -> assertThat(s.volumes()).hasSize(2));

    // the same outside a transaction through the replica view: one snapshot transaction on the
    // replica
    List<Shelf> viaView =
        db.onReplica().select(Shelf.class).fetch(Shelf_.VOLUMES).all().collectList().block(WAIT);
    assertThat(viaView).hasSize(SHELVES).allSatisfy(s -> assertThat(s.volumes()).hasSize(2));
  }

  @Test
  void aWriteIsReadFromTheReplicaOnceItsWalIsReplayed() {
    Shelf stored = db.insert(new Shelf(null, "fresh", null)).block(WAIT);
    try {
      awaitReplay();
      assertThat(db.onReplica().findById(Shelf.class, stored.id()).block(WAIT))
          .extracting(Shelf::name)
          .isEqualTo("fresh");
    } finally {
      db.deleteById(Shelf.class, stored.id()).block(WAIT);
    }
  }

  @Test
  void aReplicaThatCannotBeReachedFailsOrFallsBackToThePrimaryAsConfigured() {
    ConnectionPool dead =
        extra(pool(ConnectionFactories.get("r2dbc:postgresql://postgres@127.0.0.1:9/test")));
    Database failing = Database.builder(primary).readReplica(dead).build();
    assertThatThrownBy(
            () ->
                failing
                    .transaction(READ_ONLY, tx -> tx.sql(Where.SQL).one(Where.class))
                    .blockLast(WAIT))
        .isInstanceOf(ConnectionFailureException.class);

    Database fallingBack =
        Database.builder(primary)
            .readReplica(dead)
            .replicaFallback(ReplicaFallback.PRIMARY)
            .build();
    assertThat(
            where(fallingBack.transaction(READ_ONLY, tx -> tx.sql(Where.SQL).one(Where.class)))
                .standby())
        .isFalse();
    assertThat(where(fallingBack.onReplica().sql(Where.SQL).one(Where.class)).standby()).isFalse();

    // with a live replica beside the dead one, replica work skips the dead one and stays on a
    // replica
    Database mixed = Database.builder(primary).readReplica(dead).readReplica(replica).build();
    for (int i = 0; i < 4; i++) {
      assertThat(
              where(mixed.transaction(READ_ONLY, tx -> tx.sql(Where.SQL).one(Where.class)))
                  .standby())
          .isTrue();
    }
  }

  @Test
  void severalReplicasAreUsedInTurn() {
    ConnectionPool a = extra(pool(factory(replicaUrl, "replica-it-a")));
    ConnectionPool b = extra(pool(factory(replicaUrl, "replica-it-b")));
    Database two = Database.builder(primary).readReplica(a).readReplica(b).build();
    List<String> names =
        Flux.range(0, 6)
            .concatMap(
                i ->
                    two.transaction(
                        READ_ONLY,
                        tx ->
                            tx.sql("SELECT current_setting('application_name')").one(String.class)))
            .collectList()
            .block(WAIT);
    Map<String, Long> counts =
        names.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(counts).containsOnly(Map.entry("replica-it-a", 3L), Map.entry("replica-it-b", 3L));
  }

  // ---------------------------------------------------------------- helpers

  private ConnectionPool extra(ConnectionPool pool) {
    extraPools.add(pool);
    return pool;
  }

  private static Where where(Flux<Where> work) {
    return work.single().block(WAIT);
  }

  private static Where where(Mono<Where> work) {
    return work.block(WAIT);
  }

  private static ConnectionFactory factory(String url, String application) {
    return Replicas.factory(url, SCHEMA, application);
  }

  private static ConnectionPool pool(ConnectionFactory factory) {
    return Replicas.pool(factory);
  }

  private static void execute(ConnectionFactory factory, String... statements) {
    Replicas.execute(factory, statements);
  }

  private static void awaitReplay() {
    Replicas.awaitReplay(primaryUrl, replicaUrl);
  }
}
