package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Golden.POSTGRES;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOnBoth;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_TITLE;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_TRACKS;
import static io.r2orm.core.internal.render.QueryFixtures.ARTIST_ALBUMS;
import static io.r2orm.core.internal.render.QueryFixtures.ARTIST_NAME;
import static io.r2orm.core.internal.render.QueryFixtures.COMPOSER;
import static io.r2orm.core.internal.render.QueryFixtures.COUNTRY;
import static io.r2orm.core.internal.render.QueryFixtures.GENRE;
import static io.r2orm.core.internal.render.QueryFixtures.MILLIS;
import static io.r2orm.core.internal.render.QueryFixtures.PRICE;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_TITLE;
import static io.r2orm.core.internal.render.QueryFixtures.YEAR;
import static io.r2orm.core.internal.render.QueryFixtures.query;
import static io.r2orm.core.query.Functions.avg;
import static io.r2orm.core.query.Functions.concat;
import static io.r2orm.core.query.Functions.count;
import static io.r2orm.core.query.Functions.countDistinct;
import static io.r2orm.core.query.Functions.max;
import static io.r2orm.core.query.Functions.min;
import static io.r2orm.core.query.Functions.sum;
import static io.r2orm.core.query.Functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.internal.render.QueryFixtures.Album;
import io.r2orm.core.internal.render.QueryFixtures.Artist;
import io.r2orm.core.internal.render.QueryFixtures.Genre;
import io.r2orm.core.internal.render.QueryFixtures.Track;
import io.r2orm.core.query.Subquery;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Aggregates, GROUP BY, HAVING and DISTINCT on PostgreSQL and H2, and the types their values are
 * read as.
 */
class QueryAggregateRenderingTest {

  @Test
  void countsRowsValuesAndDistinctValues() {
    rendersOnBoth(
        query(Subquery.select(count(), count(COMPOSER), countDistinct(COMPOSER)).from(Track.class)),
        "SELECT COUNT(*), COUNT(track.composer), COUNT(DISTINCT track.composer) FROM track");
  }

  @Test
  void sumAvgMinMax() {
    rendersOnBoth(
        query(Subquery.select(sum(MILLIS), avg(MILLIS), min(PRICE), max(PRICE)).from(Track.class)),
        "SELECT SUM(track.millis), AVG(track.millis), MIN(track.price), MAX(track.price) FROM track");
  }

  @Test
  void aggregatesAreReadAsTheirDeclaredTypes() {
    RenderedQuery q =
        POSTGRES.query(
            Subquery.select(
                    count(),
                    sum(MILLIS),
                    sum(MILLIS).as(Long.class),
                    avg(MILLIS),
                    min(GENRE),
                    max(PRICE))
                .from(Track.class));
    assertThat(q.outputs())
        .extracting(RenderedQuery.Output::type)
        .containsExactly(
            Long.class, Integer.class, Long.class, BigDecimal.class, Genre.class, BigDecimal.class);
    // MIN and MAX of a column keep its stored form and are read through its converter; the others
    // are plain values.
    assertThat(q.outputs())
        .extracting(o -> o.column() == null ? null : o.column().path())
        .containsExactly(null, null, null, null, "genre", "price");
  }

  @Test
  void groupByWithHavingAndOrderByAnAggregate() {
    Subquery q =
        Subquery.select(ARTIST_NAME, count())
            .from(Artist.class)
            .join(ARTIST_ALBUMS)
            .groupBy(ARTIST_NAME)
            .having(count().gt(2L))
            .orderBy(count().desc(), ARTIST_NAME.asc());
    rendersOnBoth(
        query(q),
        "SELECT artist.name, COUNT(*) FROM artist JOIN album ON album.artist_id = artist.id"
            + " GROUP BY artist.name HAVING COUNT(*) > $1 ORDER BY COUNT(*) DESC, artist.name ASC",
        bind(2L, Long.class));
  }

  @Test
  void groupByManyKeysWithWhereBeforeIt() {
    Subquery q =
        Subquery.select(COUNTRY, ALBUM_TITLE, sum(MILLIS))
            .from(Artist.class)
            .join(ARTIST_ALBUMS)
            .join(ALBUM_TRACKS)
            .where(YEAR.ge(1970))
            .groupBy(COUNTRY, ALBUM_TITLE);
    rendersOnBoth(
        query(q),
        "SELECT artist.country, album.title, SUM(track.millis) FROM artist"
            + " JOIN album ON album.artist_id = artist.id JOIN track ON track.album_id = album.id"
            + " WHERE album.\"year\" >= $1 GROUP BY artist.country, album.title",
        bind(1970, Integer.class));
  }

  @Test
  void havingConditionsAreAndedAndConvertedByTheAggregatedColumn() {
    Subquery q =
        Subquery.select(ALBUM_TITLE, count())
            .from(Album.class)
            .join(ALBUM_TRACKS)
            .groupBy(ALBUM_TITLE)
            .having(count().ge(4L))
            .having(sum(MILLIS).lt(1_000_000))
            .having(min(PRICE).ge(new BigDecimal("0.99")))
            .having(max(GENRE).eq(Genre.JAZZ));
    rendersOnBoth(
        query(q),
        "SELECT album.title, COUNT(*) FROM album JOIN track ON track.album_id = album.id GROUP BY album.title"
            + " HAVING COUNT(*) >= $1 AND SUM(track.millis) < $2 AND MIN(track.price) >= $3 AND MAX(track.genre) = $4",
        bind(4L, Long.class),
        bind(1_000_000, Integer.class),
        bind(new BigDecimal("0.99"), BigDecimal.class),
        bind("JAZZ", String.class));
  }

  @Test
  void havingWithOrAndNot() {
    Subquery q =
        Subquery.select(COUNTRY, count())
            .from(Artist.class)
            .groupBy(COUNTRY)
            .having(count().gt(3L).or(count().lt(2L)).not());
    rendersOnBoth(
        query(q),
        "SELECT artist.country, COUNT(*) FROM artist GROUP BY artist.country HAVING NOT (COUNT(*) > $1 OR COUNT(*) < $2)",
        bind(3L, Long.class),
        bind(2L, Long.class));
  }

  @Test
  void groupByAndOrderByOfASelectedValueRepeatItsSqlWithTheSameBinds() {
    var size = when(MILLIS.lt(180_000), "short").otherwise("long");
    Subquery q =
        Subquery.select(size, count()).from(Track.class).groupBy(size).orderBy(size.desc());
    String sizeSql = "CASE WHEN track.millis < $1 THEN $2 ELSE $3 END";
    rendersOnBoth(
        query(q),
        "SELECT "
            + sizeSql
            + ", COUNT(*) FROM track GROUP BY "
            + sizeSql
            + " ORDER BY "
            + sizeSql
            + " DESC",
        bind(180_000, Integer.class),
        bind("short"),
        bind("long"));
  }

  @Test
  void aGroupingKeyThatIsNotSelectedGetsItsOwnBinds() {
    Subquery q =
        Subquery.select(count())
            .from(Track.class)
            .groupBy(MILLIS.dividedBy(60_000))
            .orderBy(concat(TRACK_TITLE, "!").asc());
    rendersOnBoth(
        query(q),
        "SELECT COUNT(*) FROM track GROUP BY (track.millis / $1) ORDER BY CONCAT(track.title, $2) ASC",
        bind(60_000, Integer.class),
        bind("!"));
  }

  @Test
  void distinctRows() {
    rendersOnBoth(
        query(Subquery.select(COUNTRY).from(Artist.class).distinct().orderBy(COUNTRY.asc())),
        "SELECT DISTINCT artist.country FROM artist ORDER BY artist.country ASC");
    rendersOnBoth(
        query(
            Subquery.select(COUNTRY, GENRE)
                .from(Artist.class)
                .join(ARTIST_ALBUMS)
                .join(ALBUM_TRACKS)
                .distinct()),
        "SELECT DISTINCT artist.country, track.genre FROM artist"
            + " JOIN album ON album.artist_id = artist.id JOIN track ON track.album_id = album.id");
  }

  @Test
  void aggregatesWithoutGroupByOverAJoin() {
    Subquery q =
        Subquery.select(countDistinct(ARTIST_NAME), avg(PRICE))
            .from(Artist.class)
            .join(ARTIST_ALBUMS)
            .join(ALBUM_TRACKS)
            .where(GENRE.in(List.of(Genre.ROCK, Genre.JAZZ)));
    rendersOnBoth(
        query(q),
        "SELECT COUNT(DISTINCT artist.name), AVG(track.price) FROM artist"
            + " JOIN album ON album.artist_id = artist.id JOIN track ON track.album_id = album.id"
            + " WHERE track.genre = ANY($1)",
        bind(new String[] {"ROCK", "JAZZ"}, String[].class));
  }
}
