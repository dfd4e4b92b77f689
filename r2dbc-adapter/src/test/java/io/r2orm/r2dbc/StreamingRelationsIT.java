package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.r2dbc.music.Album;
import io.r2orm.r2dbc.music.Album_;
import io.r2orm.r2dbc.music.Artist;
import io.r2orm.r2dbc.music.Track;
import io.r2orm.r2dbc.music.Track_;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Streaming more parents than one window with relations, inside and outside a transaction. Inside a
 * transaction every statement shares one connection: on PostgreSQL the parents are read through a
 * cursor a window at a time, so the relation queries (and the caller's own writes) run between
 * windows instead of waiting behind an unfinished result.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class StreamingRelationsIT extends DatabaseTest {
  private static final int ALBUMS = 2_000;
  private final StatementCounter counter = new StatementCounter();
  private Database db;

  @BeforeEach
  void fixture() {
    db().schema().drop(Track.class, Album.class, Artist.class).block();
    db().schema().create(Artist.class, Album.class, Track.class).block();
    boolean pg = testDatabase().kind() == TestDatabase.Kind.POSTGRES;
    String range = pg ? "generate_series(1, %d) g" : "SYSTEM_RANGE(1, %d)";
    String n = pg ? "g" : "X";
    String mod = pg ? "%s %% %d" : "MOD(%s, %d)";
    testDatabase()
        .sql(
            "INSERT INTO artist (id, name) SELECT "
                + n
                + ", 'artist ' || "
                + n
                + " FROM "
                + range.formatted(50),
            "INSERT INTO album (id, title, \"year\", artist_id) SELECT "
                + n
                + ", 'album ' || "
                + n
                + ", 1900 + "
                + mod.formatted(n, 100)
                + ", 1 + "
                + mod.formatted(n, 50)
                + " FROM "
                + range.formatted(ALBUMS),
            "INSERT INTO track (id, title, millis, album_id) SELECT "
                + n
                + ", 'track ' || "
                + n
                + ", "
                + n
                + ", 1 + "
                + mod.formatted(n, ALBUMS)
                + " FROM "
                + range.formatted(ALBUMS * 2));
    db = Database.builder(testDatabase().pool()).listener(counter).fetchWindow(256).build();
    counter.reset();
  }

  @Test
  void outsideATransactionEachWindowCostsOneStatementPerRelation() {
    AtomicLong tracks = new AtomicLong();
    StepVerifier.create(
            db.select(Album.class)
                .orderBy(Album_.ID.asc())
                .fetch(Album_.ARTIST, Album_.TRACKS)
                .all()
                .doOnNext(
                    a -> {
                      assertThat(a.getArtist().get().id()).isEqualTo(1 + a.getId() % 50);
                      assertThat(a.getTracks()).hasSize(2);
                      tracks.addAndGet(a.getTracks().size());
                    }))
        .expectNextCount(ALBUMS)
        .expectComplete()
        .verify(Duration.ofSeconds(60));
    assertThat(tracks.get()).isEqualTo(ALBUMS * 2L);
    int windows = (ALBUMS + 255) / 256;
    assertThat(counter.count())
        .isEqualTo(
            io.r2orm.r2dbc.test.StreamCost.parentReadsOutsideTransaction(db, ALBUMS, 256)
                + 2 * windows);
  }

  @Test
  void insideATransactionStreamingWithRelationsAndWritesCompletes() {
    AtomicLong seen = new AtomicLong();
    long previous[] = {0};
    StepVerifier.create(
            db.transaction(
                    tx ->
                        tx.select(Album.class)
                            .orderBy(Album_.ID.asc())
                            .fetch(Album_.ARTIST, Album_.TRACKS.then(Track_.ALBUM))
                            .all()
                            .concatMap(
                                album -> {
                                  assertThat(album.getId()).isGreaterThan(previous[0]);
                                  previous[0] = album.getId();
                                  assertThat(album.getTracks())
                                      .allSatisfy(
                                          t ->
                                              assertThat(t.album().get().getId())
                                                  .isEqualTo(album.getId()));
                                  seen.incrementAndGet();
                                  return album.getId() % 100 == 0
                                      ? tx.update(Track.class)
                                          .set(Track_.MILLIS, -1)
                                          .where(Track_.ALBUM.idEq(album.getId()))
                                          .execute()
                                      : Mono.just(0L);
                                }))
                .then())
        .expectComplete()
        .verify(Duration.ofSeconds(60));
    assertThat(seen.get()).isEqualTo(ALBUMS);
    assertThat(testDatabase().queryOne("SELECT COUNT(*) FROM track WHERE millis = -1", Long.class))
        .as("the writes inside the stream were committed")
        .isEqualTo(ALBUMS / 100 * 2L);
  }

  @Test
  void cancellingAStreamInsideATransactionRollsBackAndReleasesTheConnection() {
    StepVerifier.create(
            db.transaction(
                    tx ->
                        tx.update(Track.class)
                            .set(Track_.MILLIS, -7)
                            .where(Track_.ID.le(10L))
                            .execute()
                            .thenMany(tx.select(Album.class).fetch(Album_.TRACKS).all()))
                .take(300))
        .expectNextCount(300)
        .expectComplete()
        .verify(Duration.ofSeconds(60));
    // the transaction has ended once its connection is back in the pool: then its rows are visible
    // to everyone if it committed, and to nobody if it rolled back (an open transaction would keep
    // the connection, and fail the wait)
    assertThat(
            io.r2orm.r2dbc.faults.FaultSupport.await(
                Duration.ofSeconds(10),
                () -> testDatabase().pool().getMetrics().orElseThrow().acquiredSize() == 0))
        .as("connection released after the cancel")
        .isTrue();
    assertThat(testDatabase().queryOne("SELECT COUNT(*) FROM track WHERE millis = -7", Long.class))
        .as("cancelled transaction rolled back")
        .isZero();
  }
}
