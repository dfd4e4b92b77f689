package io.r2orm.r2dbc;

import static io.r2orm.core.query.Functions.avg;
import static io.r2orm.core.query.Functions.count;
import static io.r2orm.core.query.Functions.max;
import static io.r2orm.core.query.Functions.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Subquery;
import io.r2orm.core.query.TableRef;
import io.r2orm.r2dbc.store.StoreAlbum;
import io.r2orm.r2dbc.store.StoreAlbum_;
import io.r2orm.r2dbc.store.StoreArtist;
import io.r2orm.r2dbc.store.StoreArtist_;
import io.r2orm.r2dbc.store.StoreTrack;
import io.r2orm.r2dbc.store.StoreTrack.Genre;
import io.r2orm.r2dbc.store.StoreTrack_;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Subqueries — {@code IN}, {@code EXISTS} (correlated), scalar in the select list and in conditions
 * — in builder queries, entity selects, updates and deletes, compared with hand-written SQL on the
 * same data.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class QueryBuilderSubqueryIT extends StoreQueries {

  private static Subquery artistsOfAlbums(io.r2orm.core.query.Predicate albums) {
    return Subquery.select(ALBUM_ARTIST_ID).from(StoreAlbum.class).where(albums);
  }

  @Test
  void inASubquery() {
    List<String> built =
        rows(
            db().select(StoreArtist_.NAME)
                .where(StoreArtist_.ID.in(artistsOfAlbums(StoreAlbum_.YEAR.lt(1970))))
                .orderBy(StoreArtist_.ID.asc()));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT name FROM store_artist"
                    + " WHERE id IN (SELECT artist_id FROM store_album WHERE \"year\" < 1970) ORDER BY id",
                String.class));
    assertThat(built.size()).isBetween(1, 10);
  }

  @Test
  void notInASubqueryOfNonNullKeys() {
    List<String> built =
        rows(
            db().select(StoreArtist_.NAME)
                .where(StoreArtist_.ID.notIn(artistsOfAlbums(StoreAlbum_.YEAR.isNull())))
                .orderBy(StoreArtist_.ID.asc()));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT name FROM store_artist"
                    + " WHERE id NOT IN (SELECT artist_id FROM store_album WHERE \"year\" IS NULL) ORDER BY id",
                String.class));
    assertThat(built.size()).isBetween(1, 11);
  }

  @Test
  void correlatedExistsThroughAJoinInTheSubquery() {
    Subquery longTracks =
        Subquery.select(StoreTrack_.ID)
            .from(StoreTrack.class)
            .join(StoreTrack_.ALBUM)
            .where(ALBUM_ARTIST_ID.eq(StoreArtist_.ID).and(StoreTrack_.MILLIS.gt(350_000)));
    List<Long> built =
        rows(
            db().select(StoreArtist_.ID)
                .where(Predicate.exists(longTracks))
                .orderBy(StoreArtist_.ID.asc()));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT ar.id FROM store_artist ar WHERE EXISTS (SELECT 1 FROM store_track t"
                    + " JOIN store_album al ON al.id = t.album_id WHERE al.artist_id = ar.id AND t.millis > 350000) ORDER BY ar.id",
                Long.class));
    assertThat(built.size()).isLessThan(12);
  }

  @Test
  void correlatedNotExists() {
    Subquery longJazz =
        Subquery.select(StoreTrack_.ID)
            .from(StoreTrack.class)
            .where(
                TRACK_ALBUM_ID
                    .eq(StoreAlbum_.ID)
                    .and(StoreTrack_.GENRE.eq(Genre.JAZZ))
                    .and(StoreTrack_.MILLIS.gt(300_000)));
    List<Long> built =
        rows(
            db().select(StoreAlbum_.ID)
                .where(Predicate.notExists(longJazz))
                .orderBy(StoreAlbum_.ID.asc()));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT al.id FROM store_album al WHERE NOT EXISTS (SELECT 1 FROM store_track t"
                    + " WHERE t.album_id = al.id AND t.genre = 'JAZZ' AND t.millis > 300000) ORDER BY al.id",
                Long.class));
    assertThat(built.size()).isBetween(1, 32);
  }

  record AlbumTracks(String title, Long longTracks) {}

  @Test
  void correlatedScalarSubqueryInTheSelectList() {
    Subquery longTracks =
        Subquery.select(count())
            .from(StoreTrack.class)
            .where(TRACK_ALBUM_ID.eq(StoreAlbum_.ID).and(StoreTrack_.MILLIS.gt(200_000)));
    List<AlbumTracks> built =
        rows(
            db().select(StoreAlbum_.TITLE, scalar(longTracks, Long.class))
                .orderBy(StoreAlbum_.ID.asc())
                .into(AlbumTracks.class));
    assertThat(built)
        .hasSize(33)
        .isEqualTo(
            sql(
                "SELECT al.title, (SELECT COUNT(*) FROM store_track t"
                    + " WHERE t.album_id = al.id AND t.millis > 200000) AS long_tracks FROM store_album al ORDER BY al.id",
                AlbumTracks.class));
  }

  @Test
  void uncorrelatedScalarSubqueryInACondition() {
    List<Long> built =
        rows(
            db().select(StoreTrack_.ID)
                .where(
                    StoreTrack_.PRICE.gt(
                        scalar(
                            Subquery.select(avg(StoreTrack_.PRICE)).from(StoreTrack.class),
                            BigDecimal.class)))
                .orderBy(StoreTrack_.ID.asc()));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT id FROM store_track WHERE price > (SELECT AVG(price) FROM store_track)"
                    + " ORDER BY id",
                Long.class));
  }

  @Test
  void correlatedScalarSubqueryOverTheSameTableUnderAnAlias() {
    TableRef<StoreTrack> t = TableRef.of(StoreTrack.class, "t");
    Subquery longestOfItsAlbum =
        Subquery.select(max(StoreTrack_.MILLIS))
            .from(StoreTrack.class)
            .where(TRACK_ALBUM_ID.eq(t.get(TRACK_ALBUM_ID)));
    List<Long> built =
        rows(
            db().select(t.get(StoreTrack_.ID))
                .from(t)
                .where(t.get(StoreTrack_.MILLIS).eq(scalar(longestOfItsAlbum, Integer.class)))
                .orderBy(t.get(StoreTrack_.ID).asc()));
    assertThat(built)
        .hasSize(33)
        .isEqualTo(
            sql(
                "SELECT t.id FROM store_track t WHERE t.millis ="
                    + " (SELECT MAX(x.millis) FROM store_track x WHERE x.album_id = t.album_id) ORDER BY t.id",
                Long.class));
  }

  @Test
  void subqueriesInAnEntitySelect() {
    Subquery ukArtists =
        Subquery.select(StoreArtist_.ID)
            .from(StoreArtist.class)
            .where(StoreArtist_.COUNTRY.eq("UK"));
    List<Long> albums =
        rows(db().select(TableRef.of(StoreAlbum.class)).where(ALBUM_ARTIST_ID.in(ukArtists)))
            .stream()
            .map(StoreAlbum::id)
            .toList();
    List<Long> entityAlbums =
        db().select(StoreAlbum.class)
            .where(ALBUM_ARTIST_ID.in(ukArtists))
            .orderBy(StoreAlbum_.ID.asc())
            .all()
            .map(StoreAlbum::id)
            .collectList()
            .block();
    List<Long> hand =
        sql(
            "SELECT id FROM store_album WHERE artist_id IN (SELECT id FROM store_artist WHERE country = 'UK')"
                + " ORDER BY id",
            Long.class);
    assertThat(entityAlbums).hasSize(9).isEqualTo(hand);
    assertThat(albums).containsExactlyInAnyOrderElementsOf(hand);

    Subquery withoutYear =
        Subquery.select(StoreAlbum_.ID)
            .from(StoreAlbum.class)
            .where(ALBUM_ARTIST_ID.eq(StoreArtist_.ID).and(StoreAlbum_.YEAR.isNull()));
    List<Long> artists =
        db().select(StoreArtist.class)
            .where(Predicate.exists(withoutYear))
            .orderBy(StoreArtist_.ID.asc())
            .all()
            .map(StoreArtist::id)
            .collectList()
            .block();
    assertThat(artists)
        .isEqualTo(
            sql(
                "SELECT ar.id FROM store_artist ar WHERE EXISTS (SELECT 1 FROM store_album al"
                    + " WHERE al.artist_id = ar.id AND al.\"year\" IS NULL) ORDER BY ar.id",
                Long.class));
  }

  @Test
  void updateWhereInASubquery() {
    Subquery oldAlbums =
        Subquery.select(StoreAlbum_.ID).from(StoreAlbum.class).where(StoreAlbum_.YEAR.lt(1975));
    long expected =
        value(
            "SELECT COUNT(*) FROM store_track WHERE album_id IN"
                + " (SELECT id FROM store_album WHERE \"year\" < 1975)",
            Long.class);
    long others = value("SELECT COUNT(*) FROM store_track WHERE price = 0.49", Long.class);
    Long updated =
        db().update(StoreTrack.class)
            .set(StoreTrack_.PRICE, new BigDecimal("0.49"))
            .where(TRACK_ALBUM_ID.in(oldAlbums))
            .execute()
            .block();
    assertThat(updated).isPositive().isEqualTo(expected);
    assertThat(others).isZero();
    assertThat(value("SELECT COUNT(*) FROM store_track WHERE price = 0.49", Long.class))
        .isEqualTo(expected);
    assertThat(
            value(
                "SELECT COUNT(*) FROM store_track t JOIN store_album al ON al.id = t.album_id"
                    + " WHERE t.price = 0.49 AND (al.\"year\" IS NULL OR al.\"year\" >= 1975)",
                Long.class))
        .isZero();
  }

  @Test
  void updateSettingACorrelatedScalarSubquery() {
    Subquery artistName =
        Subquery.select(StoreArtist_.NAME)
            .from(StoreArtist.class)
            .where(StoreArtist_.ID.eq(ALBUM_ARTIST_ID));
    Long updated =
        db().update(StoreAlbum.class)
            .set(StoreAlbum_.TITLE, scalar(artistName, String.class).expression())
            .where(StoreAlbum_.YEAR.isNull())
            .execute()
            .block();
    assertThat(updated).isEqualTo(6L);
    record Titles(String title, String name) {}
    List<Titles> renamed =
        sql(
            "SELECT al.title, ar.name FROM store_album al JOIN store_artist ar ON ar.id = al.artist_id"
                + " WHERE al.\"year\" IS NULL",
            Titles.class);
    assertThat(renamed).hasSize(6).allSatisfy(r -> assertThat(r.title()).isEqualTo(r.name()));
  }

  @Test
  void deleteWhereInASubquery() {
    Subquery undated =
        Subquery.select(StoreAlbum_.ID).from(StoreAlbum.class).where(StoreAlbum_.YEAR.isNull());
    long expected =
        value(
            "SELECT COUNT(*) FROM store_track WHERE album_id IN (SELECT id FROM store_album WHERE \"year\" IS NULL)",
            Long.class);
    long before = value("SELECT COUNT(*) FROM store_track", Long.class);
    assertThat(db().delete(StoreTrack.class).where(TRACK_ALBUM_ID.in(undated)).execute().block())
        .isPositive()
        .isEqualTo(expected);
    assertThat(value("SELECT COUNT(*) FROM store_track", Long.class)).isEqualTo(before - expected);
    Long emptied =
        db().delete(StoreAlbum.class)
            .where(
                Predicate.notExists(
                    Subquery.select(StoreTrack_.ID)
                        .from(StoreTrack.class)
                        .where(TRACK_ALBUM_ID.eq(StoreAlbum_.ID))))
            .execute()
            .block();
    assertThat(emptied).isEqualTo(6L);
    assertThat(value("SELECT COUNT(*) FROM store_album WHERE \"year\" IS NULL", Long.class))
        .isZero();
  }
}
