package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Golden.rendersOnBoth;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_TITLE;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_TRACKS;
import static io.r2orm.core.internal.render.QueryFixtures.MILLIS;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_ID;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_TITLE;
import static io.r2orm.core.internal.render.QueryFixtures.query;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.internal.render.QueryFixtures.Album;
import io.r2orm.core.internal.render.QueryFixtures.Track;
import io.r2orm.core.query.CommonTable;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Subquery;
import io.r2orm.core.query.TableRef;
import org.junit.jupiter.api.Test;

/** Common table expressions (issue #12): {@code WITH name AS (…)} read like an entity's table. */
class CommonTableRenderingTest {
  private static final String TRACK_COLUMNS =
      "track.id, track.title, track.millis, track.price, track.composer, track.genre, track.album_id";

  private static final CommonTable<Track> LONG_TRACKS =
      CommonTable.of(
          "long_tracks",
          Track.class,
          Subquery.select(TableRef.of(Track.class)).from(Track.class).where(MILLIS.gt(300000)));

  @Test
  void theCommonTableComesFirstAndIsReadByItsName() {
    TableRef<Track> t = LONG_TRACKS.table();
    rendersOnBoth(
        query(
            Subquery.select(t.get(TRACK_TITLE))
                .with(LONG_TRACKS)
                .from(t)
                .where(t.get(MILLIS).lt(400000))
                .orderBy(t.get(TRACK_ID).asc())),
        "WITH long_tracks AS (SELECT "
            + TRACK_COLUMNS
            + " FROM track WHERE track.millis > $1) SELECT long_tracks.title FROM long_tracks"
            + " WHERE long_tracks.millis < $2 ORDER BY long_tracks.id ASC",
        Golden.bind(300000, Integer.class),
        Golden.bind(400000, Integer.class));
  }

  @Test
  void aRelationJoinsToIt() {
    rendersOnBoth(
        query(
            Subquery.select(ALBUM_TITLE, LONG_TRACKS.table().get(TRACK_TITLE))
                .with(LONG_TRACKS)
                .from(Album.class)
                .join(ALBUM_TRACKS, LONG_TRACKS.table())),
        "WITH long_tracks AS (SELECT "
            + TRACK_COLUMNS
            + " FROM track WHERE track.millis > $1) SELECT album.title, long_tracks.title FROM album"
            + " JOIN long_tracks ON long_tracks.album_id = album.id",
        Golden.bind(300000, Integer.class));
  }

  @Test
  void aLaterCommonTableAndASubqueryReadAnEarlierOne() {
    TableRef<Track> t = LONG_TRACKS.table();
    CommonTable<Track> longest =
        CommonTable.of(
            "longest", Track.class, Subquery.select(t).from(t).where(t.get(MILLIS).gt(600000)));
    rendersOnBoth(
        query(
            Subquery.select(TRACK_TITLE)
                .with(LONG_TRACKS, longest)
                .from(Track.class)
                .where(
                    TRACK_ID.in(
                        Subquery.select(longest.table().get(TRACK_ID)).from(longest.table())))),
        "WITH long_tracks AS (SELECT "
            + TRACK_COLUMNS
            + " FROM track WHERE track.millis > $1), longest AS (SELECT long_tracks.id,"
            + " long_tracks.title, long_tracks.millis, long_tracks.price, long_tracks.composer,"
            + " long_tracks.genre, long_tracks.album_id FROM long_tracks WHERE long_tracks.millis"
            + " > $2) SELECT track.title FROM track WHERE track.id IN (SELECT longest.id FROM"
            + " longest)",
        Golden.bind(300000, Integer.class),
        Golden.bind(600000, Integer.class));
  }

  @Test
  void mistakesAreRefusedNamingTheFix() {
    assertThatThrownBy(
            () ->
                Golden.POSTGRES.query(
                    Subquery.select(LONG_TRACKS.table().get(TRACK_TITLE))
                        .from(LONG_TRACKS.table())))
        .isInstanceOf(QueryBuildException.class)
        .hasMessageContaining("reads common table long_tracks, which it does not declare");
    assertThatThrownBy(
            () -> CommonTable.of("t", Track.class, Subquery.select(TRACK_ID).from(Track.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("selects the whole entity and nothing else");
    assertThatThrownBy(() -> CommonTable.of("a b", Track.class, LONG_TRACKS.query()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a plain identifier");
    assertThatThrownBy(() -> Subquery.select(TRACK_ID).with(LONG_TRACKS, LONG_TRACKS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("declared twice");
    Predicate none = TRACK_ID.isNull();
    assertThatThrownBy(
            () ->
                Golden.POSTGRES.query(
                    Subquery.select(TRACK_ID)
                        .from(Track.class)
                        .combine(
                            Subquery.SetOperator.UNION,
                            Subquery.select(TRACK_ID)
                                .with(LONG_TRACKS)
                                .from(Track.class)
                                .where(none))))
        .isInstanceOf(QueryBuildException.class)
        .hasMessageContaining("declare them on the first query");
  }
}
