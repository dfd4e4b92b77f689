package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.query.CommonTable;
import io.r2orm.core.query.Subquery;
import io.r2orm.core.query.TableRef;
import io.r2orm.r2dbc.store.StoreAlbum;
import io.r2orm.r2dbc.store.StoreAlbum_;
import io.r2orm.r2dbc.store.StoreTrack;
import io.r2orm.r2dbc.store.StoreTrack_;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Common table expressions (issue #12): {@code WITH name AS (…)} declared on a query and read like
 * an entity's table — in {@code FROM}, in a relation join, by a later common table and by a
 * subquery — compared with hand-written SQL on the same data.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class CommonTableIT extends StoreQueries {
  private static final int LONG = 250_000;

  private static final CommonTable<StoreTrack> LONG_TRACKS =
      CommonTable.of(
          "long_tracks",
          StoreTrack.class,
          Subquery.select(TableRef.of(StoreTrack.class))
              .from(StoreTrack.class)
              .where(StoreTrack_.MILLIS.gt(LONG)));

  record AlbumTrack(String album, String track) {}

  @Test
  void readInFromAndThroughARelationJoin() {
    TableRef<StoreTrack> t = LONG_TRACKS.table();
    List<String> titles =
        rows(
            db().select(t.get(StoreTrack_.TITLE))
                .with(LONG_TRACKS)
                .from(t)
                .orderBy(t.get(StoreTrack_.TITLE).asc()));
    assertThat(titles)
        .isEqualTo(
            sql(
                "WITH long_tracks AS (SELECT * FROM store_track WHERE millis > "
                    + LONG
                    + ") SELECT title FROM long_tracks ORDER BY title",
                String.class));
    assertThat(titles)
        .hasSizeLessThan(value("SELECT COUNT(*) FROM store_track", Long.class).intValue());

    List<AlbumTrack> joined =
        rows(
            db().select(StoreAlbum_.TITLE, t.get(StoreTrack_.TITLE))
                .with(LONG_TRACKS)
                .from(StoreAlbum.class)
                .join(StoreAlbum_.TRACKS, t)
                .orderBy(StoreAlbum_.TITLE.asc(), t.get(StoreTrack_.TITLE).asc())
                .into(AlbumTrack.class));
    assertThat(joined)
        .isEqualTo(
            sql(
                "WITH long_tracks AS (SELECT * FROM store_track WHERE millis > "
                    + LONG
                    + ") SELECT a.title AS album, l.title AS track FROM store_album a"
                    + " JOIN long_tracks l ON l.album_id = a.id ORDER BY a.title, l.title",
                AlbumTrack.class));
  }

  @Test
  void aLaterCommonTableAndASubqueryReadAnEarlierOne() {
    TableRef<StoreTrack> t = LONG_TRACKS.table();
    CommonTable<StoreTrack> expensive =
        CommonTable.of(
            "expensive_long",
            StoreTrack.class,
            Subquery.select(t)
                .from(t)
                .where(t.get(StoreTrack_.PRICE).ge(new java.math.BigDecimal("1.00"))));
    List<String> albums =
        rows(
            db().select(StoreAlbum_.TITLE)
                .with(LONG_TRACKS, expensive)
                .from(StoreAlbum.class)
                .where(
                    StoreAlbum_.ID.in(
                        Subquery.select(expensive.table().get(StoreTrack_.ALBUM_ID))
                            .from(expensive.table())))
                .orderBy(StoreAlbum_.TITLE.asc()));
    assertThat(albums)
        .isEqualTo(
            sql(
                "WITH long_tracks AS (SELECT * FROM store_track WHERE millis > "
                    + LONG
                    + "), expensive_long AS (SELECT * FROM long_tracks WHERE price >= 1.00)"
                    + " SELECT title FROM store_album WHERE id IN (SELECT album_id FROM"
                    + " expensive_long) ORDER BY title",
                String.class));
  }
}
