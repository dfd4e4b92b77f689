package io.r2orm.r2dbc.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.StatementCounter;
import io.r2orm.r2dbc.faults.FaultSupport;
import io.r2orm.r2dbc.music.Album;
import io.r2orm.r2dbc.music.Album_;
import io.r2orm.r2dbc.music.Artist;
import io.r2orm.r2dbc.music.Artist_;
import io.r2orm.r2dbc.music.Track;
import io.r2orm.r2dbc.repository.Query;
import io.r2orm.r2dbc.repository.ReactiveRepository;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The execution planner on every read path, with results longer than a window (issue #11, findings
 * 1–3, 5–7): streams with a write per row inside a transaction, concurrent streams with relations
 * on pools smaller than the concurrency, server-side prepared statements over a thousand
 * transactional streams, statement counts of small reads, the Reactor context reaching the
 * connection factory, and a default transaction's BEGIN.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class ExecutionPlanIT extends DatabaseTest {
  private static final int ARTISTS = 5_000;

  /** A repository whose {@code @Query} stream is read inside a transaction. */
  interface ArtistRepository extends ReactiveRepository<Artist, Long> {
    @Query("SELECT id, name FROM artist ORDER BY id")
    Flux<Artist> everyArtist();
  }

  /** One column of raw SQL, by name. */
  record IdOnly(Long id) {}

  private final StatementCounter counter = new StatementCounter();
  private Database db;

  @BeforeEach
  void fixture() {
    db().schema().drop(Track.class, Album.class, Artist.class).block();
    db().schema().create(Artist.class, Album.class, Track.class).block();
    boolean pg = testDatabase().kind() == TestDatabase.Kind.POSTGRES;
    String range = pg ? "generate_series(1, %d) g" : "SYSTEM_RANGE(1, %d)";
    String n = pg ? "g" : "X";
    testDatabase()
        .sql(
            "INSERT INTO artist (id, name) SELECT "
                + n
                + ", 'artist ' || "
                + n
                + " FROM "
                + range.formatted(ARTISTS),
            "INSERT INTO album (id, title, \"year\", artist_id) SELECT "
                + n
                + ", 'album ' || "
                + n
                + ", 1990, "
                + n
                + " FROM "
                + range.formatted(ARTISTS));
    db = Database.builder(testDatabase().pool()).listener(counter).build();
    counter.reset();
  }

  private static <T> long count(Publisher<T> work) {
    return Flux.from(work).count().block(Duration.ofSeconds(120));
  }

  // ---- finding 1: every streamed read, inside a transaction, with a statement per row

  @Test
  void aProjectionStreamWithAWritePerRowCompletesInsideATransaction() {
    long updated =
        count(
            db.transaction(
                tx ->
                    tx.select(Artist_.ID)
                        .from(Artist.class)
                        .all()
                        .concatMap(
                            id ->
                                tx.update(Artist.class)
                                    .set(Artist_.NAME, "y")
                                    .where(Artist_.ID.eq(id))
                                    .execute())));
    assertThat(updated).isEqualTo(ARTISTS);
    assertThat(db.select(Artist.class).where(Artist_.NAME.eq("y")).count().block())
        .isEqualTo(ARTISTS);
  }

  @Test
  void aRawSqlStreamWithAWritePerRowCompletesInsideATransaction() {
    long updated =
        count(
            db.transaction(
                tx ->
                    tx.sql("SELECT id FROM artist ORDER BY id")
                        .all(IdOnly.class)
                        .concatMap(
                            row ->
                                tx.update(Artist.class)
                                    .set(Artist_.NAME, "z")
                                    .where(Artist_.ID.eq(row.id()))
                                    .execute())));
    assertThat(updated).isEqualTo(ARTISTS);
  }

  @Test
  void aRepositoryQueryStreamWithAWritePerRowCompletesInsideATransaction() {
    ArtistRepository artists = db.repository(ArtistRepository.class);
    long updated =
        count(
            db.transaction(
                tx ->
                    artists
                        .everyArtist()
                        .concatMap(
                            a ->
                                tx.update(Artist.class)
                                    .set(Artist_.NAME, "r")
                                    .where(Artist_.ID.eq(a.id()))
                                    .execute())));
    assertThat(updated).isEqualTo(ARTISTS);
  }

  @Test
  void anEntityStreamWithRelationsAndAWritePerRowCompletesInsideATransaction() {
    long updated =
        count(
            db.transaction(
                tx ->
                    tx.select(Artist.class)
                        .fetch(Artist_.ALBUMS)
                        .all()
                        .concatMap(
                            a ->
                                tx.update(Album.class)
                                    .set(Album_.YEAR, 2000)
                                    .where(Album_.ARTIST.idEq(a.id()))
                                    .execute())));
    assertThat(updated).isEqualTo(ARTISTS);
  }

  // ---- finding 2: a stream with relations holds one connection at a time

  @Test
  void eightConcurrentStreamsWithRelationsShareAPoolOfTwo() {
    concurrentStreamsWithRelations(2);
  }

  @Test
  void eightConcurrentStreamsWithRelationsShareAPoolOfOne() {
    concurrentStreamsWithRelations(1);
  }

  private void concurrentStreamsWithRelations(int poolSize) {
    ConnectionPool small =
        FaultSupport.pool(
            FaultSupport.factory(testDatabase(), FaultSupport.applicationName("plan")),
            poolSize,
            Duration.ofSeconds(60));
    try {
      Database shared = Database.create(small);
      List<Long> counts =
          Flux.range(0, 8)
              .flatMap(
                  i ->
                      shared
                          .select(Artist.class)
                          .fetch(Artist_.ALBUMS)
                          .all()
                          .doOnNext(a -> assertThat(a.albums()).hasSize(1))
                          .count())
              .collectList()
              .block(Duration.ofSeconds(120));
      assertThat(counts).hasSize(8).containsOnly((long) ARTISTS);
      FaultSupport.assertIdle(small);
    } finally {
      small.disposeLater().block(Duration.ofSeconds(30));
    }
  }

  // ---- the snapshot guarantee of a long stream with relations outside a transaction

  @Test
  void aStreamLongerThanAWindowReadsParentsAndRelationsInOneSnapshot() {
    assumeTrue(
        kind == TestDatabase.Kind.POSTGRES,
        "the snapshot comes from a REPEATABLE READ cursor transaction");
    Database writer = db();
    // while the first window is being consumed, another connection commits an album for the last
    // artist,
    // whose window is read later: the stream does not see it, the database does
    List<Artist> last =
        db.select(Artist.class)
            .orderBy(Artist_.ID.asc())
            .fetch(Artist_.ALBUMS)
            .window(256)
            .all()
            .concatMap(
                a ->
                    a.id() != 1L
                        ? Mono.just(a)
                        : writer
                            .sql(
                                "INSERT INTO album (id, title, \"year\", artist_id) VALUES (:id, 'late', 2001, :artist)")
                            .bind("id", ARTISTS + 1L)
                            .bind("artist", (long) ARTISTS)
                            .execute()
                            .thenReturn(a))
            .filter(a -> a.id() == ARTISTS)
            .collectList()
            .block(Duration.ofSeconds(60));
    assertThat(last)
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.albums())
                    .extracting(Album::getTitle)
                    .containsExactly("album " + ARTISTS));
    assertThat(db.select(Album.class).where(Album_.ARTIST.idEq((long) ARTISTS)).count().block())
        .isEqualTo(2L);
  }

  // ---- finding 3 (and 8's cause): cursor SQL is stable, so server-side prepared statements stay
  // bounded

  @Test
  void aThousandTransactionalStreamsLeaveABoundedNumberOfPreparedStatements() {
    assumeTrue(kind == TestDatabase.Kind.POSTGRES, "prepared statements are PostgreSQL's");
    ConnectionPool one =
        FaultSupport.pool(
            FaultSupport.factory(testDatabase(), FaultSupport.applicationName("prep")),
            1,
            Duration.ofSeconds(60));
    try {
      Database single = Database.builder(one).listener(counter).fetchSize(1_000).build();
      String prepared = "SELECT COUNT(*) AS n FROM pg_prepared_statements";
      long before = single.sql(prepared).one(Long.class).block();
      Flux.range(0, 1_000)
          .concatMap(
              i ->
                  single.transaction(
                      tx -> tx.select(Artist.class).where(Artist_.ID.gt((long) i)).all().count()))
          .blockLast(Duration.ofSeconds(300));
      long after = single.sql(prepared).one(Long.class).block();
      // the shapes sent: the probe (limited select), DECLARE, FETCH, CLOSE, and the count query
      // itself;
      // every one of the 1,000 streams was longer than a window, so each used a cursor
      assertThat(counter.statements()).filteredOn(s -> s.startsWith("DECLARE")).hasSize(1_000);
      assertThat(after - before)
          .as("prepared statements added by 1,000 transactional streams")
          .isLessThanOrEqualTo(5);
    } finally {
      one.disposeLater().block(Duration.ofSeconds(30));
    }
  }

  // ---- finding 5: small reads cost one statement inside a transaction too

  @Test
  void nPlusOneInsideATransactionIsNPlusOneStatements() {
    long albums =
        count(
            db.transaction(
                tx ->
                    tx.select(Artist.class)
                        .orderBy(Artist_.ID.asc())
                        .limit(100)
                        .all()
                        .concatMap(
                            a -> tx.select(Album.class).where(Album_.ARTIST.idEq(a.id())).all())));
    assertThat(albums).isEqualTo(100);
    assertThat(counter.count()).as(counter.toString()).isEqualTo(101);
  }

  @Test
  void findByIdOneFirstCountAndExistsAreOneStatementEachInsideATransaction() {
    db.transaction(
            tx ->
                tx.findById(Artist.class, 7L)
                    .then(tx.select(Artist.class).where(Artist_.ID.eq(8L)).one())
                    .then(tx.select(Artist.class).orderBy(Artist_.ID.asc()).first())
                    .then(tx.select(Artist.class).count())
                    .then(tx.select(Artist.class).where(Artist_.ID.eq(9L)).exists()))
        .blockLast(Duration.ofSeconds(30));
    assertThat(counter.count()).as(counter.toString()).isEqualTo(5);
  }

  @Test
  void fetchSizeZeroIsOneUnpagedReadInsideAndOutsideATransaction() {
    Database unpaged =
        Database.builder(testDatabase().pool()).listener(counter).fetchSize(0).build();
    assertThat(count(unpaged.transaction(tx -> tx.select(Artist.class).all()))).isEqualTo(ARTISTS);
    assertThat(counter.count()).as(counter.toString()).isEqualTo(1);
    counter.reset();
    assertThat(count(unpaged.select(Artist.class).all())).isEqualTo(ARTISTS);
    assertThat(counter.count()).as(counter.toString()).isEqualTo(1);
  }

  // ---- finding 6a: the subscriber's context reaches the connection factory

  @Test
  void theSubscribersContextReachesTheConnectionFactory() {
    Set<Object> seen = ConcurrentHashMap.newKeySet();
    ConnectionFactory pool = testDatabase().pool();
    ConnectionFactory reading =
        new ConnectionFactory() {
          @Override
          public Publisher<? extends io.r2dbc.spi.Connection> create() {
            return Mono.deferContextual(
                context -> {
                  seen.add(context.getOrDefault("tenant", "none"));
                  return Mono.from(pool.create());
                });
          }

          @Override
          public ConnectionFactoryMetadata getMetadata() {
            return pool.getMetadata();
          }
        };
    Database routed = Database.create(reading);
    routed
        .select(Artist.class)
        .limit(1)
        .all()
        .contextWrite(Context.of("tenant", "plain"))
        .blockLast(Duration.ofSeconds(10));
    routed
        .transaction(tx -> tx.findById(Artist.class, 1L))
        .contextWrite(Context.of("tenant", "tx"))
        .blockLast(Duration.ofSeconds(10));
    routed
        .select(Artist.class)
        .fetch(Artist_.ALBUMS)
        .all()
        .contextWrite(Context.of("tenant", "stream"))
        .blockLast(Duration.ofSeconds(60));
    assertThat(seen).containsExactlyInAnyOrder("plain", "tx", "stream");
  }

  // ---- finding 12: a cancelled stream logs no error

  @Test
  void cancelledStreamsLogNoError() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    try {
      java.util.Random random = new java.util.Random(7);
      Flux.range(0, 200)
          .concatMap(
              i -> {
                int take = 1 + random.nextInt(1_000);
                Flux<Artist> stream =
                    i % 2 == 0
                        ? db.transaction(
                            tx -> tx.select(Artist.class).fetch(Artist_.ALBUMS).window(64).all())
                        : db.select(Artist.class).fetch(Artist_.ALBUMS).window(64).all();
                return i % 3 == 0
                    ? stream.take(take).then()
                    : stream.timeout(Duration.ofMillis(random.nextInt(30)), Flux.empty()).then();
              })
          .blockLast(Duration.ofSeconds(180));
    } finally {
      root.detachAppender(log);
    }
    assertThat(log.list)
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEmpty();
  }

  // ---- finding 7: a default transaction sends a plain BEGIN

  @Test
  void aDefaultTransactionSendsAPlainBegin() {
    assumeTrue(
        kind == TestDatabase.Kind.POSTGRES,
        "the SQL is r2dbc-postgresql's, read from its query log");
    Logger queries = (Logger) LoggerFactory.getLogger("io.r2dbc.postgresql.QUERY");
    Level level = queries.getLevel();
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    queries.addAppender(log);
    queries.setLevel(Level.DEBUG);
    try {
      db.transaction(tx -> tx.findById(Artist.class, 1L)).blockLast(Duration.ofSeconds(10));
    } finally {
      queries.detachAppender(log);
      queries.setLevel(level);
    }
    List<String> sent = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(sent).as("queries sent").anySatisfy(s -> assertThat(s).endsWith("BEGIN"));
    assertThat(sent).noneSatisfy(s -> assertThat(s).containsIgnoringCase("READ WRITE"));
  }
}
