package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Golden.H2;
import static io.r2orm.core.internal.render.Golden.POSTGRES;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOn;
import static io.r2orm.core.internal.render.Golden.rendersOnBoth;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_ARTIST;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_ARTIST_ID;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_TITLE;
import static io.r2orm.core.internal.render.QueryFixtures.ARTIST_NAME;
import static io.r2orm.core.internal.render.QueryFixtures.COMPOSER;
import static io.r2orm.core.internal.render.QueryFixtures.GENRE;
import static io.r2orm.core.internal.render.QueryFixtures.MILLIS;
import static io.r2orm.core.internal.render.QueryFixtures.PRICE;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_ALBUM;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_ALBUM_ID;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_ID;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_TITLE;
import static io.r2orm.core.internal.render.QueryFixtures.YEAR;
import static io.r2orm.core.internal.render.QueryFixtures.query;
import static io.r2orm.core.query.Functions.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.UnsupportedFeatureException;
import io.r2orm.core.internal.render.QueryFixtures.Album;
import io.r2orm.core.internal.render.QueryFixtures.Genre;
import io.r2orm.core.internal.render.QueryFixtures.Track;
import io.r2orm.core.query.Lock;
import io.r2orm.core.query.Subquery;
import io.r2orm.core.sql.SqlStatement;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Order, limit, offset, locks, the count of a query, and the binds of the query builder (each value
 * a bind of the column's stored Java type) on PostgreSQL and H2.
 */
class QueryClauseRenderingTest {
  private static final Subquery TITLES = Subquery.select(TRACK_TITLE).from(Track.class);

  @Test
  void limitAndOffsetAreLongBinds() {
    rendersOnBoth(
        query(TITLES.orderBy(TRACK_ID.asc()).limit(10).offset(20)),
        "SELECT track.title FROM track ORDER BY track.id ASC LIMIT $1 OFFSET $2",
        bind(10L, Long.class),
        bind(20L, Long.class));
    rendersOnBoth(
        query(TITLES.offset(5)), "SELECT track.title FROM track OFFSET $1", bind(5L, Long.class));
    rendersOnBoth(
        query(TITLES.limit(0)), "SELECT track.title FROM track LIMIT $1", bind(0L, Long.class));
  }

  @Test
  void limitAfterWhereBindsNumbersItLast() {
    rendersOnBoth(
        query(TITLES.where(MILLIS.gt(1000)).orderBy(TRACK_TITLE.desc()).limit(3)),
        "SELECT track.title FROM track WHERE track.millis > $1 ORDER BY track.title DESC LIMIT $2",
        bind(1000, Integer.class),
        bind(3L, Long.class));
  }

  @Test
  void nullsFirstAndLast() {
    rendersOnBoth(
        query(
            Subquery.select(ALBUM_TITLE)
                .from(Album.class)
                .orderBy(YEAR.desc().nullsLast(), ALBUM_TITLE.asc().nullsFirst())),
        "SELECT album.title FROM album ORDER BY album.\"year\" DESC NULLS LAST, album.title ASC NULLS FIRST");
  }

  @Test
  void orderAndGroupingStepsReplaceEarlierOnes() {
    rendersOnBoth(
        query(TITLES.orderBy(TRACK_ID.asc()).orderBy(TRACK_TITLE.desc())),
        "SELECT track.title FROM track ORDER BY track.title DESC");
    rendersOnBoth(
        query(
            Subquery.select(GENRE, count()).from(Track.class).groupBy(TRACK_TITLE).groupBy(GENRE)),
        "SELECT track.genre, COUNT(*) FROM track GROUP BY track.genre");
  }

  @Test
  void whereStepsAreAnded() {
    rendersOnBoth(
        query(TITLES.where(MILLIS.gt(1)).where(COMPOSER.isNull().or(COMPOSER.eq("X")))),
        "SELECT track.title FROM track WHERE track.millis > $1 AND (track.composer IS NULL OR track.composer = $2)",
        bind(1, Integer.class),
        bind("X", String.class));
  }

  @Test
  void locksEndTheQuery() {
    Subquery q =
        Subquery.select(TRACK_TITLE, ALBUM_TITLE)
            .from(Track.class)
            .join(TRACK_ALBUM)
            .where(TRACK_ID.eq(1L))
            .limit(1);
    rendersOnBoth(
        query(q.lock(Lock.forUpdate())),
        "SELECT track.title, album.title FROM track JOIN album ON album.id = track.album_id WHERE track.id = $1"
            + " LIMIT $2 FOR UPDATE",
        bind(1L, Long.class),
        bind(1L, Long.class));
    rendersOnBoth(
        query(TITLES.lock(Lock.forUpdate().skipLocked())),
        "SELECT track.title FROM track FOR UPDATE SKIP LOCKED");
    rendersOnBoth(
        query(TITLES.lock(Lock.forUpdate().noWait())),
        "SELECT track.title FROM track FOR UPDATE NOWAIT");
  }

  @Test
  void forShareOnPostgresAndAnErrorNamingTheDialectOnH2() {
    rendersOn(
        POSTGRES,
        query(TITLES.lock(Lock.forShare().noWait())),
        "SELECT track.title FROM track FOR SHARE NOWAIT");
    assertThatThrownBy(() -> H2.query(TITLES.lock(Lock.forShare())))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessage("The H2 dialect does not support FOR SHARE (use FOR UPDATE)");
  }

  @Test
  void theCountOfAQueryWrapsItWhole() {
    Subquery q =
        Subquery.select(ALBUM_TITLE, ARTIST_NAME)
            .from(Album.class)
            .join(ALBUM_ARTIST)
            .where(YEAR.gt(1970))
            .distinct()
            .orderBy(ALBUM_TITLE.asc())
            .limit(10)
            .offset(2);
    rendersOnBoth(
        r -> r.count(q),
        "SELECT COUNT(*) FROM (SELECT DISTINCT album.title, artist.name FROM album JOIN artist ON artist.id = album.artist_id"
            + " WHERE album.\"year\" > $1 ORDER BY album.title ASC LIMIT $2 OFFSET $3) counted(c1, c2)",
        bind(1970, Integer.class),
        bind(10L, Long.class),
        bind(2L, Long.class));
  }

  @Test
  void valuesBesideColumnsAreBoundAsTheColumnStoresThem() {
    Subquery q =
        TITLES.where(
            GENRE
                .eq(Genre.ROCK)
                .and(TRACK_ALBUM_ID.eq(3L))
                .and(TRACK_ALBUM.idEq(4L))
                .and(TRACK_ALBUM_ID.in(List.of(5L, 6L)))
                .and(PRICE.between(new BigDecimal("0.5"), new BigDecimal("2")))
                .and(MILLIS.ne(7))
                .and(TRACK_TITLE.startsWith("50%")));
    rendersOnBoth(
        query(q),
        "SELECT track.title FROM track WHERE track.genre = $1 AND track.album_id = $2 AND track.album_id = $3"
            + " AND track.album_id = ANY($4) AND track.price BETWEEN $5 AND $6 AND track.millis <> $7"
            + " AND track.title LIKE $8 ESCAPE '\\'",
        bind("ROCK", String.class),
        bind(3L, Long.class),
        bind(4L, Long.class),
        bind(new Long[] {5L, 6L}, Long[].class),
        bind(new BigDecimal("0.5"), BigDecimal.class),
        bind(new BigDecimal("2"), BigDecimal.class),
        bind(7, Integer.class),
        bind("50\\%%", String.class));
  }

  @Test
  void noValueEverReachesTheSqlText() {
    String hostile = "x'); DROP TABLE track; --";
    SqlStatement s =
        POSTGRES
            .query(
                Subquery.select(TRACK_TITLE, ALBUM_ARTIST_ID)
                    .from(Track.class)
                    .join(TRACK_ALBUM)
                    .where(TRACK_TITLE.eq(hostile).or(COMPOSER.like(hostile))))
            .statement();
    assertThat(s.sql()).doesNotContain("DROP").doesNotContain("'x");
    assertThat(s.binds()).extracting(b -> b.value()).containsExactly(hostile, hostile);
  }
}
