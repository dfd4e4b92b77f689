package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Golden.POSTGRES;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOnBoth;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_ARTIST;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_ARTIST_ID;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_COLUMNS;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_ID;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_TITLE;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_TRACKS;
import static io.r2orm.core.internal.render.QueryFixtures.ARTIST_ALBUMS;
import static io.r2orm.core.internal.render.QueryFixtures.ARTIST_COLUMNS;
import static io.r2orm.core.internal.render.QueryFixtures.ARTIST_ID;
import static io.r2orm.core.internal.render.QueryFixtures.ARTIST_NAME;
import static io.r2orm.core.internal.render.QueryFixtures.ARTIST_PROFILE;
import static io.r2orm.core.internal.render.QueryFixtures.BIO;
import static io.r2orm.core.internal.render.QueryFixtures.COUNTRY;
import static io.r2orm.core.internal.render.QueryFixtures.EMPLOYEE_ID;
import static io.r2orm.core.internal.render.QueryFixtures.EMPLOYEE_MANAGER_ID;
import static io.r2orm.core.internal.render.QueryFixtures.EMPLOYEE_NAME;
import static io.r2orm.core.internal.render.QueryFixtures.GENRE;
import static io.r2orm.core.internal.render.QueryFixtures.MANAGER;
import static io.r2orm.core.internal.render.QueryFixtures.PLAYLIST_NAME;
import static io.r2orm.core.internal.render.QueryFixtures.PLAYLIST_TRACKS;
import static io.r2orm.core.internal.render.QueryFixtures.PROFILE_ARTIST;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_ALBUM_ID;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_PLAYLISTS;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_TITLE;
import static io.r2orm.core.internal.render.QueryFixtures.YEAR;
import static io.r2orm.core.internal.render.QueryFixtures.query;
import static io.r2orm.core.query.Functions.concat;
import static io.r2orm.core.query.Functions.val;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.internal.render.QueryFixtures.Album;
import io.r2orm.core.internal.render.QueryFixtures.Artist;
import io.r2orm.core.internal.render.QueryFixtures.Employee;
import io.r2orm.core.internal.render.QueryFixtures.Genre;
import io.r2orm.core.internal.render.QueryFixtures.Playlist;
import io.r2orm.core.internal.render.QueryFixtures.Profile;
import io.r2orm.core.internal.render.QueryFixtures.Track;
import io.r2orm.core.query.Subquery;
import io.r2orm.core.query.TableRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Joins of the query builder on PostgreSQL and H2: along every relation kind (the ON clause from
 * the metadata), on explicit conditions, under aliases (self-joins), and selecting the columns or
 * whole entities of several tables.
 */
class QueryJoinRenderingTest {

  @Test
  void manyToOneJoinsTheTargetByItsIdFromTheForeignKey() {
    rendersOnBoth(
        query(Subquery.select(ALBUM_TITLE, ARTIST_NAME).from(Album.class).join(ALBUM_ARTIST)),
        "SELECT album.title, artist.name FROM album JOIN artist ON artist.id = album.artist_id");
    rendersOnBoth(
        query(Subquery.select(ALBUM_TITLE, ARTIST_NAME).from(Album.class).leftJoin(ALBUM_ARTIST)),
        "SELECT album.title, artist.name FROM album LEFT JOIN artist ON artist.id = album.artist_id");
  }

  @Test
  void oneToManyJoinsTheChildrenByTheirForeignKey() {
    rendersOnBoth(
        query(Subquery.select(ARTIST_NAME, ALBUM_TITLE).from(Artist.class).join(ARTIST_ALBUMS)),
        "SELECT artist.name, album.title FROM artist JOIN album ON album.artist_id = artist.id");
    rendersOnBoth(
        query(Subquery.select(ARTIST_NAME, ALBUM_TITLE).from(Artist.class).leftJoin(ARTIST_ALBUMS)),
        "SELECT artist.name, album.title FROM artist LEFT JOIN album ON album.artist_id = artist.id");
  }

  @Test
  void oneToOneJoinsFromTheOwningSide() {
    rendersOnBoth(
        query(Subquery.select(BIO, ARTIST_NAME).from(Profile.class).join(PROFILE_ARTIST)),
        "SELECT profile.bio, artist.name FROM profile JOIN artist ON artist.id = profile.artist_id");
  }

  @Test
  void oneToOneJoinsFromTheInverseSide() {
    rendersOnBoth(
        query(Subquery.select(ARTIST_NAME, BIO).from(Artist.class).leftJoin(ARTIST_PROFILE)),
        "SELECT artist.name, profile.bio FROM artist LEFT JOIN profile ON profile.artist_id = artist.id");
  }

  @Test
  void manyToManyJoinsThroughTheLinkTableFromEitherSide() {
    rendersOnBoth(
        query(Subquery.select(TRACK_TITLE, PLAYLIST_NAME).from(Track.class).join(TRACK_PLAYLISTS)),
        "SELECT track.title, playlist.name FROM track"
            + " JOIN playlist_track AS r2orm_playlist_link ON r2orm_playlist_link.track_id = track.id"
            + " JOIN playlist ON playlist.id = r2orm_playlist_link.playlist_id");
    rendersOnBoth(
        query(
            Subquery.select(PLAYLIST_NAME, TRACK_TITLE).from(Playlist.class).join(PLAYLIST_TRACKS)),
        "SELECT playlist.name, track.title FROM playlist"
            + " JOIN playlist_track AS r2orm_track_link ON r2orm_track_link.playlist_id = playlist.id"
            + " JOIN track ON track.id = r2orm_track_link.track_id");
  }

  @Test
  void leftManyToManyKeepsTheOwnerWithoutLinks() {
    rendersOnBoth(
        query(
            Subquery.select(TRACK_TITLE, PLAYLIST_NAME)
                .from(Track.class)
                .leftJoin(TRACK_PLAYLISTS)),
        "SELECT track.title, playlist.name FROM track"
            + " LEFT JOIN playlist_track AS r2orm_playlist_link ON r2orm_playlist_link.track_id = track.id"
            + " LEFT JOIN playlist ON playlist.id = r2orm_playlist_link.playlist_id");
  }

  @Test
  void manyToManyToAnAliasedTargetNamesTheLinkAfterTheAlias() {
    TableRef<Playlist> p = TableRef.of(Playlist.class, "p");
    rendersOnBoth(
        query(
            Subquery.select(TRACK_TITLE, p.get(PLAYLIST_NAME))
                .from(Track.class)
                .join(TRACK_PLAYLISTS, p)),
        "SELECT track.title, p.name FROM track"
            + " JOIN playlist_track AS r2orm_p_link ON r2orm_p_link.track_id = track.id"
            + " JOIN playlist AS p ON p.id = r2orm_p_link.playlist_id");
  }

  @Test
  void relationJoinsChainFromTheTableJoinedBefore() {
    rendersOnBoth(
        query(
            Subquery.select(ARTIST_NAME, TRACK_TITLE)
                .from(Artist.class)
                .join(ARTIST_ALBUMS)
                .join(ALBUM_TRACKS)),
        "SELECT artist.name, track.title FROM artist"
            + " JOIN album ON album.artist_id = artist.id JOIN track ON track.album_id = album.id");
  }

  @Test
  void theFirstSelectedPropertyNamesTheTableWhenFromIsLeftOut() {
    rendersOnBoth(
        query(Subquery.select(ALBUM_TITLE, ARTIST_NAME).join(ALBUM_ARTIST)),
        "SELECT album.title, artist.name FROM album JOIN artist ON artist.id = album.artist_id");
  }

  @Test
  void explicitConditionJoinsBindTheirValuesAfterThoseOfTheSelectList() {
    Subquery q =
        Subquery.select(ALBUM_TITLE, concat(val("#"), ARTIST_NAME))
            .from(Album.class)
            .join(TableRef.of(Artist.class), ALBUM_ARTIST_ID.eq(ARTIST_ID).and(COUNTRY.eq("UK")))
            .where(YEAR.gt(1970));
    rendersOnBoth(
        query(q),
        "SELECT album.title, CONCAT($1, artist.name) FROM album"
            + " JOIN artist ON album.artist_id = artist.id AND artist.country = $2 WHERE album.\"year\" > $3",
        bind("#", String.class),
        bind("UK", String.class),
        bind(1970, Integer.class));
  }

  @Test
  void explicitLeftJoinConvertsValuesByTheColumnBesideThem() {
    Subquery q =
        Subquery.select(ALBUM_TITLE, TRACK_TITLE)
            .from(Album.class)
            .leftJoin(
                TableRef.of(Track.class), TRACK_ALBUM_ID.eq(ALBUM_ID).and(GENRE.eq(Genre.JAZZ)));
    rendersOnBoth(
        query(q),
        "SELECT album.title, track.title FROM album LEFT JOIN track ON track.album_id = album.id AND track.genre = $1",
        bind("JAZZ", String.class));
  }

  @Test
  void selfJoinAlongARelationUnderAliases() {
    TableRef<Employee> e = TableRef.of(Employee.class, "e");
    TableRef<Employee> boss = TableRef.of(Employee.class, "boss");
    rendersOnBoth(
        query(
            Subquery.select(e.get(EMPLOYEE_NAME), boss.get(EMPLOYEE_NAME))
                .from(e)
                .leftJoin(MANAGER, boss)
                .orderBy(e.get(EMPLOYEE_NAME).asc())),
        "SELECT e.name, boss.name FROM employee AS e LEFT JOIN employee AS boss ON boss.id = e.manager_id"
            + " ORDER BY e.name ASC");
  }

  @Test
  void selfJoinOnAnExplicitConditionComparesColumnsOfBothAliases() {
    TableRef<Employee> e = TableRef.of(Employee.class, "e");
    TableRef<Employee> boss = TableRef.of(Employee.class, "boss");
    rendersOnBoth(
        query(
            Subquery.select(e.get(EMPLOYEE_NAME), boss.get(EMPLOYEE_NAME))
                .from(e)
                .join(boss, e.get(EMPLOYEE_MANAGER_ID).eq(boss.get(EMPLOYEE_ID)))
                .where(
                    e.get(EMPLOYEE_ID)
                        .gt(boss.get(EMPLOYEE_ID))
                        .and(boss.get(EMPLOYEE_NAME).ne("Ada")))),
        "SELECT e.name, boss.name FROM employee AS e JOIN employee AS boss ON e.manager_id = boss.id"
            + " WHERE e.id > boss.id AND boss.name <> $1",
        bind("Ada", String.class));
  }

  @Test
  void anAliasedTableNextToItsUnaliasedTwin() {
    TableRef<Employee> boss = TableRef.of(Employee.class, "boss");
    rendersOnBoth(
        query(
            Subquery.select(TableRef.of(Employee.class), boss.get(EMPLOYEE_NAME))
                .leftJoin(MANAGER, boss)),
        "SELECT employee.id, employee.name, employee.manager_id, boss.name FROM employee"
            + " LEFT JOIN employee AS boss ON boss.id = employee.manager_id");
  }

  @Test
  void anUnqualifiedPropertyMeansTheTableUnderItsOwnNameBesideItsAliasedTwin() {
    TableRef<Employee> boss = TableRef.of(Employee.class, "boss");
    rendersOnBoth(
        query(
            Subquery.select(EMPLOYEE_NAME, boss.get(EMPLOYEE_NAME))
                .from(Employee.class)
                .leftJoin(boss, boss.get(EMPLOYEE_ID).eq(EMPLOYEE_MANAGER_ID))
                .where(TableRef.of(Employee.class).get(EMPLOYEE_ID).gt(3L))),
        "SELECT employee.name, boss.name FROM employee LEFT JOIN employee AS boss ON boss.id = employee.manager_id"
            + " WHERE employee.id > $1",
        bind(3L, Long.class));
  }

  @Test
  void anUnqualifiedPropertyMeansTheOnlyTableOfItsEntityEvenWhenAliased() {
    TableRef<Album> al = TableRef.of(Album.class, "al");
    rendersOnBoth(
        query(Subquery.select(ALBUM_TITLE, ARTIST_NAME).from(al).join(ALBUM_ARTIST)),
        "SELECT al.title, artist.name FROM album AS al JOIN artist ON artist.id = al.artist_id");
  }

  @Test
  void aliasesThatAreReservedWordsOrMixedCaseAreQuoted() {
    TableRef<Album> order = TableRef.of(Album.class, "order");
    TableRef<Artist> by = TableRef.of(Artist.class, "By");
    rendersOnBoth(
        query(
            Subquery.select(order.get(ALBUM_TITLE), by.get(ARTIST_NAME))
                .from(order)
                .join(ALBUM_ARTIST, by)),
        "SELECT \"order\".title, \"By\".name FROM album AS \"order\" JOIN artist AS \"By\" ON \"By\".id = \"order\".artist_id");
  }

  @Test
  void selectsWholeEntitiesOfSeveralTables() {
    Subquery q =
        Subquery.select(TableRef.of(Album.class), TableRef.of(Artist.class))
            .join(ALBUM_ARTIST)
            .where(ARTIST_ID.eq(7L));
    rendersOnBoth(
        query(q),
        "SELECT "
            + ALBUM_COLUMNS
            + ", "
            + ARTIST_COLUMNS
            + " FROM album JOIN artist ON artist.id = album.artist_id"
            + " WHERE artist.id = $1",
        bind(7L, Long.class));
    RenderedQuery rendered = POSTGRES.query(q);
    assertThat(rendered.outputs())
        .extracting(RenderedQuery.Output::type)
        .containsExactly(Album.class, Artist.class);
    assertThat(rendered.outputs()).extracting(RenderedQuery.Output::width).containsExactly(4, 3);
    assertThat(rendered.outputs()).allSatisfy(o -> assertThat(o.entity()).isNotNull());
  }

  @Test
  void selectsAnAliasedEntityBesideColumns() {
    TableRef<Employee> boss = TableRef.of(Employee.class, "boss");
    TableRef<Employee> e = TableRef.of(Employee.class, "e");
    Subquery q = Subquery.select(e.get(EMPLOYEE_NAME), boss).from(e).leftJoin(MANAGER, boss);
    rendersOnBoth(
        query(q),
        "SELECT e.name, boss.id, boss.name, boss.manager_id FROM employee AS e"
            + " LEFT JOIN employee AS boss ON boss.id = e.manager_id");
    List<RenderedQuery.Output> outputs = POSTGRES.query(q).outputs();
    assertThat(outputs)
        .extracting(RenderedQuery.Output::type)
        .containsExactly(String.class, Employee.class);
    assertThat(outputs.get(0).column().path()).isEqualTo("name");
  }
}
