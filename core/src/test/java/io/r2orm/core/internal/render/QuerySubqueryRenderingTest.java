package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOnBoth;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_ARTIST_ID;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_ID;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_TITLE;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_TRACKS;
import static io.r2orm.core.internal.render.QueryFixtures.ARTIST_ID;
import static io.r2orm.core.internal.render.QueryFixtures.ARTIST_NAME;
import static io.r2orm.core.internal.render.QueryFixtures.COUNTRY;
import static io.r2orm.core.internal.render.QueryFixtures.MILLIS;
import static io.r2orm.core.internal.render.QueryFixtures.PRICE;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_ALBUM_ID;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_ID;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_TITLE;
import static io.r2orm.core.internal.render.QueryFixtures.YEAR;
import static io.r2orm.core.internal.render.QueryFixtures.query;
import static io.r2orm.core.query.Functions.avg;
import static io.r2orm.core.query.Functions.concat;
import static io.r2orm.core.query.Functions.count;
import static io.r2orm.core.query.Functions.max;
import static io.r2orm.core.query.Functions.scalar;

import io.r2orm.core.internal.render.QueryFixtures.Album;
import io.r2orm.core.internal.render.QueryFixtures.Artist;
import io.r2orm.core.internal.render.QueryFixtures.Track;
import io.r2orm.core.query.Assignment;
import io.r2orm.core.query.Delete;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Select;
import io.r2orm.core.query.Subquery;
import io.r2orm.core.query.TableRef;
import io.r2orm.core.query.Update;
import io.r2orm.core.query.Value;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Subqueries on PostgreSQL and H2: {@code IN (SELECT …)}, {@code EXISTS} (correlated), scalar
 * subqueries in the select list and in conditions, and subqueries in entity selects, updates and
 * deletes. Binds are numbered in text order across the nesting.
 */
class QuerySubqueryRenderingTest {

  private static Subquery albumsBefore(int year) {
    return Subquery.select(ALBUM_ARTIST_ID).from(Album.class).where(YEAR.lt(year));
  }

  @Test
  void inAndNotInASubquery() {
    rendersOnBoth(
        query(
            Subquery.select(ARTIST_NAME)
                .from(Artist.class)
                .where(ARTIST_ID.in(albumsBefore(1970)))),
        "SELECT artist.name FROM artist WHERE artist.id IN (SELECT album.artist_id FROM album WHERE album.\"year\" < $1)",
        bind(1970, Integer.class));
    rendersOnBoth(
        query(
            Subquery.select(ARTIST_NAME)
                .from(Artist.class)
                .where(ARTIST_ID.notIn(albumsBefore(1970)))),
        "SELECT artist.name FROM artist WHERE artist.id NOT IN (SELECT album.artist_id FROM album WHERE album.\"year\" < $1)",
        bind(1970, Integer.class));
  }

  @Test
  void bindsAreNumberedInTextOrderAcrossTheSubquery() {
    Subquery q =
        Subquery.select(concat(ARTIST_NAME, "!"))
            .from(Artist.class)
            .where(ARTIST_ID.in(albumsBefore(1980)).and(COUNTRY.eq("UK")))
            .limit(5);
    rendersOnBoth(
        query(q),
        "SELECT CONCAT(artist.name, $1) FROM artist"
            + " WHERE artist.id IN (SELECT album.artist_id FROM album WHERE album.\"year\" < $2) AND artist.country = $3"
            + " LIMIT $4",
        bind("!"),
        bind(1980, Integer.class),
        bind("UK", String.class),
        bind(5L, Long.class));
  }

  @Test
  void aSubqueryWithAJoinGroupByHavingAndLimit() {
    Subquery busy =
        Subquery.select(ALBUM_ARTIST_ID)
            .from(Album.class)
            .join(ALBUM_TRACKS)
            .groupBy(ALBUM_ARTIST_ID)
            .having(count().gt(10L))
            .orderBy(count().desc())
            .limit(3);
    rendersOnBoth(
        query(Subquery.select(ARTIST_NAME).from(Artist.class).where(ARTIST_ID.in(busy))),
        "SELECT artist.name FROM artist WHERE artist.id IN (SELECT album.artist_id FROM album"
            + " JOIN track ON track.album_id = album.id GROUP BY album.artist_id HAVING COUNT(*) > $1"
            + " ORDER BY COUNT(*) DESC LIMIT $2)",
        bind(10L, Long.class),
        bind(3L, Long.class));
  }

  @Test
  void correlatedExistsAndNotExists() {
    Subquery albumsWithoutYear =
        Subquery.select(ALBUM_ID)
            .from(Album.class)
            .where(ALBUM_ARTIST_ID.eq(ARTIST_ID).and(YEAR.isNull()));
    rendersOnBoth(
        query(
            Subquery.select(ARTIST_NAME)
                .from(Artist.class)
                .where(Predicate.exists(albumsWithoutYear))),
        "SELECT artist.name FROM artist WHERE EXISTS (SELECT album.id FROM album"
            + " WHERE album.artist_id = artist.id AND album.\"year\" IS NULL)");
    rendersOnBoth(
        query(
            Subquery.select(ARTIST_NAME)
                .from(Artist.class)
                .where(COUNTRY.isNotNull().and(Predicate.notExists(albumsWithoutYear)))),
        "SELECT artist.name FROM artist WHERE artist.country IS NOT NULL AND NOT EXISTS (SELECT album.id FROM album"
            + " WHERE album.artist_id = artist.id AND album.\"year\" IS NULL)");
  }

  @Test
  void aCorrelatedSubqueryOverTheSameTableNamesTheOuterOneByItsAlias() {
    TableRef<Track> t = TableRef.of(Track.class, "t");
    Subquery longestOfItsAlbum =
        Subquery.select(max(MILLIS))
            .from(Track.class)
            .where(TRACK_ALBUM_ID.eq(t.get(TRACK_ALBUM_ID)));
    rendersOnBoth(
        query(
            Subquery.select(t.get(TRACK_TITLE))
                .from(t)
                .where(t.get(MILLIS).eq(scalar(longestOfItsAlbum, Integer.class)))),
        "SELECT t.title FROM track AS t"
            + " WHERE t.millis = (SELECT MAX(track.millis) FROM track WHERE track.album_id = t.album_id)");
  }

  @Test
  void scalarSubqueryInTheSelectList() {
    Subquery tracks =
        Subquery.select(count())
            .from(Track.class)
            .where(TRACK_ALBUM_ID.eq(ALBUM_ID).and(MILLIS.gt(200_000)));
    rendersOnBoth(
        query(
            Subquery.select(ALBUM_TITLE, scalar(tracks, Long.class))
                .from(Album.class)
                .where(YEAR.eq(1999))),
        "SELECT album.title, (SELECT COUNT(*) FROM track WHERE track.album_id = album.id AND track.millis > $1)"
            + " FROM album WHERE album.\"year\" = $2",
        bind(200_000, Integer.class),
        bind(1999, Integer.class));
  }

  @Test
  void uncorrelatedScalarSubqueryInACondition() {
    Subquery average = Subquery.select(avg(PRICE)).from(Track.class);
    rendersOnBoth(
        query(
            Subquery.select(TRACK_TITLE)
                .from(Track.class)
                .where(PRICE.gt(scalar(average, BigDecimal.class)))),
        "SELECT track.title FROM track WHERE track.price > (SELECT AVG(track.price) FROM track)");
  }

  @Test
  void subqueriesInAnEntitySelectReferToItsUnqualifiedTable() {
    Subquery albums =
        Subquery.select(ALBUM_ID).from(Album.class).where(ALBUM_ARTIST_ID.eq(ARTIST_ID));
    rendersOnBoth(
        r ->
            r.select(
                Select.from(Artist.class).where(Predicate.exists(albums).and(COUNTRY.eq("US")))),
        "SELECT id, name, country FROM artist"
            + " WHERE EXISTS (SELECT album.id FROM album WHERE album.artist_id = artist.id) AND country = $1",
        bind("US", String.class));
    rendersOnBoth(
        r -> r.select(Select.from(Artist.class).where(ARTIST_ID.in(albumsBefore(1970)))),
        "SELECT id, name, country FROM artist WHERE id IN (SELECT album.artist_id FROM album WHERE album.\"year\" < $1)",
        bind(1970, Integer.class));
  }

  @Test
  void subqueriesInUpdateAndDelete() {
    Subquery oldAlbums = Subquery.select(ALBUM_ID).from(Album.class).where(YEAR.lt(1970));
    rendersOnBoth(
        r ->
            r.update(
                new Update(
                    Track.class,
                    List.of(new Assignment(PRICE.ref(), new Value(new BigDecimal("0.49")))),
                    TRACK_ALBUM_ID.in(oldAlbums))),
        "UPDATE track SET price = $1 WHERE album_id IN (SELECT album.id FROM album WHERE album.\"year\" < $2)",
        bind(new BigDecimal("0.49"), BigDecimal.class),
        bind(1970, Integer.class));
    rendersOnBoth(
        r ->
            r.delete(
                new Delete(
                    Album.class,
                    Predicate.notExists(
                        Subquery.select(TRACK_ID)
                            .from(Track.class)
                            .where(TRACK_ALBUM_ID.eq(ALBUM_ID))))),
        "DELETE FROM album WHERE NOT EXISTS (SELECT track.id FROM track WHERE track.album_id = album.id)");
  }

  @Test
  void correlatedScalarSubqueryAssignedInAnUpdate() {
    Subquery artistName =
        Subquery.select(ARTIST_NAME).from(Artist.class).where(ARTIST_ID.eq(ALBUM_ARTIST_ID));
    rendersOnBoth(
        r ->
            r.update(
                new Update(
                    Album.class,
                    List.of(
                        new Assignment(
                            ALBUM_TITLE.ref(), scalar(artistName, String.class).expression())),
                    YEAR.isNull())),
        "UPDATE album SET title = (SELECT artist.name FROM artist WHERE artist.id = album.artist_id)"
            + " WHERE \"year\" IS NULL");
  }
}
