package io.r2orm.r2dbc;

import static io.r2orm.core.query.Functions.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.query.TableRef;
import io.r2orm.r2dbc.store.StoreAlbum;
import io.r2orm.r2dbc.store.StoreAlbum_;
import io.r2orm.r2dbc.store.StoreArtist;
import io.r2orm.r2dbc.store.StoreArtist_;
import io.r2orm.r2dbc.store.StoreEmployee;
import io.r2orm.r2dbc.store.StoreEmployee_;
import io.r2orm.r2dbc.store.StorePlaylist;
import io.r2orm.r2dbc.store.StorePlaylist_;
import io.r2orm.r2dbc.store.StoreProfile;
import io.r2orm.r2dbc.store.StoreProfile_;
import io.r2orm.r2dbc.store.StoreTrack;
import io.r2orm.r2dbc.store.StoreTrack_;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Joins along every relation kind, on explicit conditions and under aliases, each compared with
 * hand-written SQL on the same data.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class QueryBuilderJoinIT extends StoreQueries {

  record Pair(String one, String two) {}

  record NameCount(String name, long n) {}

  @Test
  void manyToOne() {
    List<Pair> built =
        rows(
            db().select(StoreTrack_.TITLE, StoreAlbum_.TITLE)
                .from(StoreTrack.class)
                .join(StoreTrack_.ALBUM)
                .where(StoreTrack_.MILLIS.gt(300_000))
                .orderBy(StoreTrack_.ID.asc())
                .into(Pair.class));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT t.title AS one, al.title AS two FROM store_track t"
                    + " JOIN store_album al ON al.id = t.album_id WHERE t.millis > 300000 ORDER BY t.id",
                Pair.class));
  }

  @Test
  void oneToManyLeftJoinKeepsTheArtistWithoutAlbums() {
    List<NameCount> built =
        rows(
            db().select(StoreArtist_.NAME, count(StoreAlbum_.ID))
                .from(StoreArtist.class)
                .leftJoin(StoreArtist_.ALBUMS)
                .groupBy(StoreArtist_.ID, StoreArtist_.NAME)
                .orderBy(StoreArtist_.ID.asc())
                .into(NameCount.class));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT ar.name, COUNT(al.id) AS n FROM store_artist ar"
                    + " LEFT JOIN store_album al ON al.artist_id = ar.id GROUP BY ar.id, ar.name ORDER BY ar.id",
                NameCount.class));
    assertThat(built).hasSize(12);
    assertThat(built.get(11).n()).isZero();
  }

  @Test
  void chainedJoinsSelectingColumnsAndWholeEntitiesOfThreeTables() {
    var built =
        rows(
            db().select(
                    StoreArtist_.NAME, TableRef.of(StoreAlbum.class), TableRef.of(StoreTrack.class))
                .from(StoreArtist.class)
                .join(StoreArtist_.ALBUMS)
                .join(StoreAlbum_.TRACKS)
                .where(StoreTrack_.ID.le(12L))
                .orderBy(StoreTrack_.ID.asc()));
    String from =
        " FROM store_artist ar JOIN store_album al ON al.artist_id = ar.id JOIN store_track t ON t.album_id = al.id"
            + " WHERE t.id <= 12 ORDER BY t.id";
    List<String> names = sql("SELECT ar.name" + from, String.class);
    List<StoreAlbum> albums = sql("SELECT al.*" + from, StoreAlbum.class);
    List<StoreTrack> tracks = sql("SELECT t.*" + from, StoreTrack.class);
    assertThat(built).hasSize(12);
    assertThat(built).extracting(Row3::v1).isEqualTo(names);
    assertThat(built)
        .extracting(r -> album(r.v2()))
        .isEqualTo(albums.stream().map(QueryBuilderJoinIT::album).toList());
    assertThat(built)
        .extracting(r -> track(r.v3()))
        .isEqualTo(tracks.stream().map(QueryBuilderJoinIT::track).toList());
  }

  private static List<Object> album(StoreAlbum a) {
    return java.util.Arrays.asList(a.id(), a.title(), a.year(), a.artist().id());
  }

  private static List<Object> track(StoreTrack t) {
    return java.util.Arrays.asList(
        t.id(), t.title(), t.millis(), t.price(), t.composer(), t.genre(), t.album().id());
  }

  @Test
  void oneToOneFromTheOwningSide() {
    record BioName(String bio, String name) {}
    List<BioName> built =
        rows(
            db().select(StoreProfile_.BIO, StoreArtist_.NAME)
                .from(StoreProfile.class)
                .join(StoreProfile_.ARTIST)
                .orderBy(StoreProfile_.ID.asc())
                .into(BioName.class));
    assertThat(built)
        .hasSize(8)
        .isEqualTo(
            sql(
                "SELECT p.bio, ar.name FROM store_profile p"
                    + " JOIN store_artist ar ON ar.id = p.artist_id ORDER BY p.id",
                BioName.class));
  }

  record IdProfile(Long id, Long profileId, String bio) {}

  @Test
  void oneToOneFromTheInverseSideReadsAMissingProfileAsNull() {
    var built =
        rows(
            db().select(StoreArtist_.ID, TableRef.of(StoreProfile.class))
                .from(StoreArtist.class)
                .leftJoin(StoreArtist_.PROFILE)
                .orderBy(StoreArtist_.ID.asc()));
    List<IdProfile> hand =
        sql(
            "SELECT ar.id, p.id AS profile_id, p.bio FROM store_artist ar"
                + " LEFT JOIN store_profile p ON p.artist_id = ar.id ORDER BY ar.id",
            IdProfile.class);
    assertThat(built)
        .extracting(
            r ->
                new IdProfile(
                    r.v1(),
                    r.v2() == null ? null : r.v2().id(),
                    r.v2() == null ? null : r.v2().bio()))
        .isEqualTo(hand);
    assertThat(built)
        .filteredOn(r -> r.v2() == null)
        .extracting(Row2::v1)
        .containsExactly(3L, 6L, 9L, 12L);
    assertThat(built)
        .filteredOn(r -> r.v2() != null && r.v2().bio() == null)
        .extracting(Row2::v1)
        .containsExactly(4L, 8L);
  }

  @Test
  void manyToManyThroughTheLinkTable() {
    List<Pair> built =
        rows(
            db().select(StorePlaylist_.NAME, StoreTrack_.TITLE)
                .from(StorePlaylist.class)
                .join(StorePlaylist_.TRACKS)
                .where(StoreTrack_.GENRE.eq(StoreTrack.Genre.JAZZ))
                .orderBy(StorePlaylist_.ID.asc(), StoreTrack_.ID.asc())
                .into(Pair.class));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT p.name AS one, t.title AS two FROM store_playlist p"
                    + " JOIN store_playlist_track pt ON pt.playlist_id = p.id JOIN store_track t ON t.id = pt.track_id"
                    + " WHERE t.genre = 'JAZZ' ORDER BY p.id, t.id",
                Pair.class));
    assertThat(built).extracting(Pair::one).contains("Morning", "Workout", "Jazz night");
  }

  @Test
  void leftManyToManyCountsAnEmptyPlaylist() {
    List<NameCount> built =
        rows(
            db().select(StorePlaylist_.NAME, count(StoreTrack_.ID))
                .from(StorePlaylist.class)
                .leftJoin(StorePlaylist_.TRACKS)
                .groupBy(StorePlaylist_.ID, StorePlaylist_.NAME)
                .orderBy(StorePlaylist_.ID.asc())
                .into(NameCount.class));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT p.name, COUNT(t.id) AS n FROM store_playlist p"
                    + " LEFT JOIN store_playlist_track pt ON pt.playlist_id = p.id LEFT JOIN store_track t ON t.id = pt.track_id"
                    + " GROUP BY p.id, p.name ORDER BY p.id",
                NameCount.class));
    assertThat(built.subList(0, 3)).allMatch(r -> r.n() > 0);
    assertThat(built.get(3).n()).isZero();
  }

  @Test
  void explicitLeftJoinWithAValueInItsCondition() {
    List<NameCount> built =
        rows(
            db().select(StoreAlbum_.TITLE, count(StoreTrack_.ID))
                .from(StoreAlbum.class)
                .leftJoin(
                    StoreTrack.class,
                    TRACK_ALBUM_ID
                        .eq(StoreAlbum_.ID)
                        .and(StoreTrack_.GENRE.eq(StoreTrack.Genre.JAZZ))
                        .and(StoreTrack_.MILLIS.gt(300_000)))
                .groupBy(StoreAlbum_.ID, StoreAlbum_.TITLE)
                .orderBy(StoreAlbum_.ID.asc())
                .into(NameCount.class));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT al.title AS name, COUNT(t.id) AS n FROM store_album al"
                    + " LEFT JOIN store_track t ON t.album_id = al.id AND t.genre = 'JAZZ' AND t.millis > 300000"
                    + " GROUP BY al.id, al.title ORDER BY al.id",
                NameCount.class));
    assertThat(built).extracting(NameCount::n).contains(0L, 1L);
  }

  @Test
  void selfJoinOnAnExplicitConditionComparingColumns() {
    TableRef<StoreArtist> a = TableRef.of(StoreArtist.class, "a");
    TableRef<StoreArtist> b = TableRef.of(StoreArtist.class, "b");
    List<Pair> built =
        rows(
            db().select(a.get(StoreArtist_.NAME), b.get(StoreArtist_.NAME))
                .from(a)
                .join(
                    b,
                    a.get(StoreArtist_.COUNTRY)
                        .eq(b.get(StoreArtist_.COUNTRY))
                        .and(a.get(StoreArtist_.ID).lt(b.get(StoreArtist_.ID))))
                .orderBy(a.get(StoreArtist_.ID).asc(), b.get(StoreArtist_.ID).asc())
                .into(Pair.class));
    assertThat(built)
        .isEqualTo(
            sql(
                "SELECT a.name AS one, b.name AS two FROM store_artist a"
                    + " JOIN store_artist b ON a.country = b.country AND a.id < b.id ORDER BY a.id, b.id",
                Pair.class));
    // UK: 1, 5, 10; US: 2, 7, 11 -> three pairs each; NULL countries never pair.
    assertThat(built).hasSize(6);
  }

  @Test
  void twoLevelSelfJoinAlongTheRelationThenOnACondition() {
    TableRef<StoreEmployee> e = TableRef.of(StoreEmployee.class, "e");
    TableRef<StoreEmployee> boss = TableRef.of(StoreEmployee.class, "boss");
    TableRef<StoreEmployee> top = TableRef.of(StoreEmployee.class, "top");
    List<String> built =
        rows(
                db().select(
                        e.get(StoreEmployee_.NAME),
                        boss.get(StoreEmployee_.NAME),
                        top.get(StoreEmployee_.NAME))
                    .from(e)
                    .leftJoin(StoreEmployee_.MANAGER, boss)
                    .leftJoin(top, top.get(StoreEmployee_.ID).eq(boss.get(MANAGER_ID)))
                    .orderBy(e.get(StoreEmployee_.ID).asc()))
            .stream()
            .map(r -> r.v1() + "<" + r.v2() + "<" + r.v3())
            .toList();
    assertThat(built)
        .containsExactly("Ada<null<null", "Brian<Ada<null", "Chen<Ada<null", "Dana<Brian<Ada");
  }

  @Test
  void anEntityUnderItsOwnNameBesideItsAliasedTwin() {
    TableRef<StoreEmployee> boss = TableRef.of(StoreEmployee.class, "boss");
    var built =
        rows(
            db().select(StoreEmployee_.NAME, boss)
                .from(StoreEmployee.class)
                .leftJoin(boss, boss.get(StoreEmployee_.ID).eq(MANAGER_ID))
                .orderBy(StoreEmployee_.ID.asc()));
    assertThat(built).extracting(Row2::v1).containsExactly("Ada", "Brian", "Chen", "Dana");
    assertThat(built)
        .extracting(r -> r.v2() == null ? null : r.v2().name())
        .containsExactly(null, "Ada", "Ada", "Brian");
    assertThat(built.get(3).v2().manager().id()).isEqualTo(1L);
  }
}
