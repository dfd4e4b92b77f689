package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.exception.UnloadedRelationException;
import io.r2orm.core.query.Ref;
import io.r2orm.r2dbc.music.Album;
import io.r2orm.r2dbc.music.Album_;
import io.r2orm.r2dbc.music.Artist;
import io.r2orm.r2dbc.music.ArtistProfile;
import io.r2orm.r2dbc.music.ArtistProfile_;
import io.r2orm.r2dbc.music.Artist_;
import io.r2orm.r2dbc.music.Category;
import io.r2orm.r2dbc.music.Category_;
import io.r2orm.r2dbc.music.Employee;
import io.r2orm.r2dbc.music.Employee_;
import io.r2orm.r2dbc.music.Genre;
import io.r2orm.r2dbc.music.Track;
import io.r2orm.r2dbc.music.Track_;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

/** Every relation kind loaded in batches, with the statement count asserted. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class RelationsIT extends DatabaseTest {
  private final StatementCounter counter = new StatementCounter();
  private Database db;

  @BeforeEach
  void fixture() {
    Database plain = db();
    plain
        .schema()
        .drop(
            Track.class,
            Album.class,
            ArtistProfile.class,
            Artist.class,
            Genre.class,
            Employee.class,
            Category.class)
        .block();
    testDatabase().sql("DROP TABLE IF EXISTS track_genre");
    plain
        .schema()
        .create(
            Artist.class,
            ArtistProfile.class,
            Album.class,
            Track.class,
            Genre.class,
            Employee.class,
            Category.class)
        .block();
    testDatabase()
        .sql(
            "CREATE TABLE track_genre (track_id BIGINT NOT NULL, genre_id BIGINT NOT NULL, PRIMARY KEY (track_id, genre_id))",
            "INSERT INTO artist (id, name) VALUES (1, 'Ada'), (2, 'Bob'), (3, 'Cy'), (4, 'Dee')",
            "INSERT INTO artist_profile (id, bio, artist_id) VALUES (100, 'ada bio', 1), (101, 'bob bio', 2)",
            "INSERT INTO album (id, title, \"year\", artist_id) VALUES (10, 'A1', 1990, 1), (11, 'A2', 2000, 1), "
                + "(12, 'A0', 2000, 1), (20, 'B1', 1995, 2), (40, 'D1', NULL, 4)",
            "INSERT INTO track (id, title, millis, album_id) VALUES (1000, 't1', 1, 10), (1001, 't2', 2, 10), "
                + "(1002, 't3', 3, 11), (1003, 't4', 4, 20), (1004, 't5', 5, NULL)",
            "INSERT INTO genre (id, name) VALUES (1, 'rock'), (2, 'jazz'), (3, 'pop')",
            "INSERT INTO track_genre (track_id, genre_id) VALUES (1000, 1), (1000, 2), (1001, 2), (1003, 3)",
            "INSERT INTO employee (id, name, manager_id) VALUES (1, 'boss', NULL), (2, 'mid', 1), (3, 'dev1', 2), (4, 'dev2', 2)",
            "INSERT INTO category (id, name, parent_id) VALUES (1, 'root', NULL), (2, 'a', 1), (3, 'b', 1), (4, 'a1', 2), (5, 'a1x', 4)");
    db = Database.builder(testDatabase().pool()).listener(counter).build();
    counter.reset();
  }

  private <T> List<T> run(SelectQuery<T> query) {
    counter.reset();
    return query.all().collectList().block();
  }

  @Test
  void manyToOneFetchesEachTargetOncePerWindowAndKeepsOrder() {
    List<Track> tracks = run(db.select(Track.class).orderBy(Track_.ID.desc()).fetch(Track_.ALBUM));
    assertThat(counter.count()).isEqualTo(2);
    assertThat(tracks).extracting(Track::title).containsExactly("t5", "t4", "t3", "t2", "t1");
    assertThat(tracks.get(0).album()).isEqualTo(Ref.none());
    assertThat(tracks.get(0).album().get()).isNull();
    assertThat(tracks.get(1).album().get().getTitle()).isEqualTo("B1");
    assertThat(tracks.get(3).album().get()).isSameAs(tracks.get(4).album().get());
    assertThat(counter.statements().get(1)).contains("= ANY(");
  }

  @Test
  void oneToManyKeepsTheDeclaredOrderAndGivesEmptyListsToChildlessParents() {
    List<Artist> artists =
        run(db.select(Artist.class).orderBy(Artist_.ID.asc()).fetch(Artist_.ALBUMS));
    assertThat(counter.count()).isEqualTo(2);
    Map<String, List<String>> albums =
        artists.stream()
            .collect(
                Collectors.toMap(
                    Artist::name, a -> a.albums().stream().map(Album::getTitle).toList()));
    assertThat(albums)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Ada",
                List.of("A0", "A2", "A1"),
                "Bob",
                List.of("B1"),
                "Cy",
                List.of(),
                "Dee",
                List.of("D1")));
    assertThat(artists).extracting(Artist::name).containsExactly("Ada", "Bob", "Cy", "Dee");
  }

  @Test
  void nestedPathsThreeLevelsDeepCostOneStatementPerLevel() {
    List<Artist> artists =
        run(
            db.select(Artist.class)
                .orderBy(Artist_.ID.asc())
                .fetch(Artist_.ALBUMS.then(Album_.TRACKS).then(Track_.GENRES)));
    assertThat(counter.count()).isEqualTo(4);
    Album a1 = artists.get(0).albums().get(2);
    assertThat(a1.getTitle()).isEqualTo("A1");
    assertThat(a1.getTracks()).extracting(Track::title).containsExactly("t1", "t2");
    assertThat(a1.getTracks().get(0).genres())
        .extracting(Genre::name)
        .containsExactly("jazz", "rock");
    assertThat(artists.get(2).albums()).isEmpty();
  }

  @Test
  void statementCountIsOnePlusRelationsTimesWindows() {
    List<Artist> artists =
        run(
            db.select(Artist.class)
                .orderBy(Artist_.ID.asc())
                .fetch(Artist_.ALBUMS, Artist_.PROFILE)
                .window(3));
    // 4 parents, window 3: 2 windows; 2 relations -> parent reads + 2 * 2
    assertThat(counter.count())
        .as(counter.toString())
        .isEqualTo(io.r2orm.r2dbc.test.StreamCost.parentReadsOutsideTransaction(db, 4, 3) + 2 * 2);
    assertThat(artists.get(0).profile().get().bio()).isEqualTo("ada bio");
    assertThat(artists.get(2).profile()).isEqualTo(Ref.none());
    assertThat(artists.get(3).albums()).extracting(Album::getTitle).containsExactly("D1");
  }

  @Test
  void anEmptyResultFetchesNothingElse() {
    List<Artist> none =
        run(
            db.select(Artist.class)
                .where(Artist_.NAME.eq("nobody"))
                .fetch(Artist_.ALBUMS.then(Album_.TRACKS), Artist_.PROFILE));
    assertThat(none).isEmpty();
    assertThat(counter.count()).isEqualTo(1);
  }

  @Test
  void parentsWithoutChildrenCostNothingExtraAndNullKeysAreNotQueried() {
    List<Track> tracks =
        run(
            db.select(Track.class)
                .where(Track_.ID.eq(1004L))
                .fetch(Track_.ALBUM.then(Album_.ARTIST)));
    assertThat(tracks).singleElement().satisfies(t -> assertThat(t.album().isEmpty()).isTrue());
    assertThat(counter.count()).isEqualTo(1);
    List<Artist> cy =
        run(
            db.select(Artist.class)
                .where(Artist_.NAME.eq("Cy"))
                .fetch(Artist_.ALBUMS.then(Album_.TRACKS)));
    assertThat(cy.get(0).albums()).isEmpty();
    assertThat(counter.count()).isEqualTo(2);
  }

  @Test
  void oneToOneFromBothSides() {
    List<ArtistProfile> profiles =
        run(
            db.select(ArtistProfile.class)
                .orderBy(ArtistProfile_.ID.asc())
                .fetch(ArtistProfile_.ARTIST));
    assertThat(profiles).extracting(p -> p.artist().get().name()).containsExactly("Ada", "Bob");
    List<Artist> artists =
        run(
            db.select(Artist.class)
                .where(Artist_.ID.in(1L, 3L))
                .orderBy(Artist_.ID.asc())
                .fetch(Artist_.PROFILE));
    assertThat(artists.get(0).profile().get().bio()).isEqualTo("ada bio");
    assertThat(artists.get(1).profile().isEmpty()).isTrue();
    assertThat(counter.count()).isEqualTo(2);
  }

  @Test
  void manyToManyAsEntitiesAndAsIdsFromTheLinkTableOnly() {
    List<Track> tracks =
        run(db.select(Track.class).orderBy(Track_.ID.asc()).fetch(Track_.GENRES, Track_.GENRE_IDS));
    assertThat(counter.count()).isEqualTo(3);
    assertThat(counter.statements().get(2))
        .contains("FROM track_genre")
        .doesNotContain("FROM genre")
        .doesNotContain("JOIN");
    assertThat(tracks.get(0).genres()).extracting(Genre::name).containsExactly("jazz", "rock");
    assertThat(tracks.get(0).genreIds()).containsExactly(1L, 2L);
    assertThat(tracks.get(1).genres()).extracting(Genre::name).containsExactly("jazz");
    assertThat(tracks.get(2).genres()).isEmpty();
    assertThat(tracks.get(0).genres().get(0))
        .as("a target shared by two owners is built once")
        .isSameAs(tracks.get(1).genres().get(0));
  }

  @Test
  void selfReferencesBothWays() {
    List<Employee> staff =
        run(
            db.select(Employee.class)
                .orderBy(Employee_.ID.asc())
                .fetch(Employee_.MANAGER, Employee_.REPORTS.then(Employee_.REPORTS)));
    assertThat(counter.count()).isEqualTo(4);
    assertThat(staff.get(0).manager().isEmpty()).isTrue();
    assertThat(staff.get(2).manager().get().name()).isEqualTo("mid");
    assertThat(staff.get(0).reports()).extracting(Employee::name).containsExactly("mid");
    assertThat(staff.get(0).reports().get(0).reports())
        .extracting(Employee::name)
        .containsExactly("dev1", "dev2");
  }

  @Test
  void aTreeThroughAPlainKeyColumnThreeLevelsDeep() {
    List<Category> roots =
        run(
            db.select(Category.class)
                .where(Category_.PARENT_ID.isNull())
                .fetch(Category_.CHILDREN.then(Category_.CHILDREN).then(Category_.CHILDREN)));
    assertThat(counter.count()).isEqualTo(4);
    Category root = roots.get(0);
    assertThat(root.children()).extracting(Category::name).containsExactly("a", "b");
    assertThat(root.children().get(0).children().get(0).children())
        .extracting(Category::name)
        .containsExactly("a1x");
    assertThatThrownBy(
            () -> root.children().get(0).children().get(0).children().get(0).children().size())
        .isInstanceOf(UnloadedRelationException.class);
  }

  @Test
  void childrenCanBeFilteredOrderedAndCutToTopNPerParentInOneStatement() {
    List<Artist> artists =
        run(
            db.select(Artist.class)
                .orderBy(Artist_.ID.asc())
                .fetch(
                    Artist_.ALBUMS
                        .orderBy(Album_.YEAR.asc().nullsLast(), Album_.TITLE.asc())
                        .limit(2)));
    assertThat(counter.count()).isEqualTo(2);
    assertThat(artists.get(0).albums()).extracting(Album::getTitle).containsExactly("A1", "A0");
    assertThat(artists.get(1).albums()).extracting(Album::getTitle).containsExactly("B1");
    List<Artist> filtered =
        run(
            db.select(Artist.class)
                .orderBy(Artist_.ID.asc())
                .fetch(Artist_.ALBUMS.where(Album_.YEAR.ge(2000))));
    assertThat(filtered.get(0).albums()).extracting(Album::getTitle).containsExactly("A0", "A2");
    assertThat(filtered.get(1).albums()).isEmpty();
    List<Track> topGenre =
        run(db.select(Track.class).where(Track_.ID.eq(1000L)).fetch(Track_.GENRES.limit(1)));
    assertThat(topGenre.get(0).genres()).extracting(Genre::name).containsExactly("jazz");
  }

  @Test
  void aJoinLoadsToOneRelationsInTheParentQuery() {
    List<Track> tracks =
        run(
            db.select(Track.class)
                .where(Track_.MILLIS.ge(2))
                .orderBy(Track_.ID.asc())
                .fetch(Track_.ALBUM.joined()));
    assertThat(counter.count()).isEqualTo(1);
    assertThat(counter.statements().get(0)).contains("LEFT JOIN album");
    assertThat(tracks).extracting(Track::title).containsExactly("t2", "t3", "t4", "t5");
    assertThat(tracks.get(0).album().get().getTitle()).isEqualTo("A1");
    assertThat(tracks.get(3).album().isEmpty()).isTrue();
    List<Track> nested =
        run(
            db.select(Track.class)
                .orderBy(Track_.ID.asc())
                .fetch(Track_.ALBUM.joined().then(Album_.ARTIST)));
    assertThat(counter.count()).isEqualTo(2);
    assertThat(nested.get(0).album().get().getArtist().get().name()).isEqualTo("Ada");
  }

  @Test
  void readingAnUnfetchedRelationFailsNamingTheFetch() {
    Track track = db.findById(Track.class, 1000L).block();
    assertThat(track.album().id()).isEqualTo(10L);
    assertThatThrownBy(() -> track.album().get())
        .isInstanceOf(UnloadedRelationException.class)
        .hasMessageContaining("Track.album was not fetched")
        .hasMessageContaining("fetch(Track_.ALBUM)");
    assertThatThrownBy(() -> track.genres().size()).hasMessageContaining("fetch(Track_.GENRES)");
    Album album = db.findById(Album.class, 10L).block();
    assertThatThrownBy(() -> album.getTracks().isEmpty())
        .isInstanceOf(UnloadedRelationException.class)
        .hasMessageContaining("Album.tracks was not fetched")
        .hasMessageContaining("Album_.TRACKS");
    Artist artist = db.findById(Artist.class, 1L).block();
    assertThatThrownBy(() -> artist.profile().get()).hasMessageContaining("fetch(Artist_.PROFILE)");
    assertThat(artist.toString()).contains("not fetched");
  }

  @Test
  void relationsOfEntitiesInHandLoadWithTheSameBatching() {
    List<Album> albums =
        db.select(Album.class).orderBy(Album_.ID.asc()).all().collectList().block();
    counter.reset();
    List<Album> loaded = db.load(albums, Album_.ARTIST, Album_.TRACKS).collectList().block();
    assertThat(counter.count()).isEqualTo(2);
    assertThat(loaded).extracting(Album::getTitle).containsExactly("A1", "A2", "A0", "B1", "D1");
    assertThat(loaded.get(0).getArtist().get().name()).isEqualTo("Ada");
    assertThat(loaded.get(0).getTracks()).hasSize(2);
  }

  @Test
  void savingStoresForeignKeysFromReferencesAndLinksAreExplicit() {
    Album album = db.findById(Album.class, 20L).block();
    Track byRef = db.insert(Track.of("new1", 9, Ref.of(album))).block();
    Track byId = db.insert(Track.of("new2", 9, Ref.to(11L))).block();
    Track none = db.insert(Track.of("new3", 9, null)).block();
    assertThat(
            testDatabase()
                .queryOne("SELECT album_id FROM track WHERE id = " + byRef.id(), Long.class))
        .isEqualTo(20L);
    assertThat(
            testDatabase()
                .queryOne("SELECT album_id FROM track WHERE id = " + byId.id(), Long.class))
        .isEqualTo(11L);
    assertThat(
            testDatabase()
                .queryOne(
                    "SELECT COUNT(*) FROM track WHERE album_id IS NULL AND id = " + none.id(),
                    Long.class))
        .isEqualTo(1L);
    StepVerifier.create(db.link(Track_.GENRES, byRef, List.of(new Genre(1L, "rock"), 3L)))
        .expectNext(2L)
        .verifyComplete();
    StepVerifier.create(db.unlink(Track_.GENRE_IDS, byRef, List.of(1L)))
        .expectNext(1L)
        .verifyComplete();
    List<Track> reread =
        run(db.select(Track.class).where(Track_.ID.eq(byRef.id())).fetch(Track_.GENRES));
    assertThat(reread.get(0).genres()).extracting(Genre::name).containsExactly("pop");
    assertThat(db.select(Track.class).where(Track_.ALBUM.idEq(20L)).count().block()).isEqualTo(2L);
    assertThat(db.select(Track.class).where(Track_.ALBUM.idIn(List.of(10L, 11L))).count().block())
        .isEqualTo(4L);
  }

  /**
   * The key column of a to-one relation as a typed field (issue #12, finding 6): Track_.ALBUM_ID.
   */
  @Test
  void theKeyOfAToOneRelationIsAField() {
    assertThat(db.select(Track.class).where(Track_.ALBUM_ID.eq(20L)).count().block()).isEqualTo(1L);
    assertThat(
            db.select(Track.class)
                .where(Track_.ALBUM_ID.in(List.of(10L, 11L)))
                .orderBy(Track_.ALBUM_ID.asc(), Track_.ID.asc())
                .all()
                .map(t -> t.album().id())
                .collectList()
                .block())
        .containsExactly(10L, 10L, 11L);
    // projected, grouped and joined on
    List<io.r2orm.r2dbc.Row2<Long, Long>> perAlbum =
        db.select(Track_.ALBUM_ID, io.r2orm.core.query.Functions.count())
            .from(Track.class)
            .where(Track_.ALBUM_ID.isNotNull())
            .groupBy(Track_.ALBUM_ID)
            .orderBy(Track_.ALBUM_ID.asc())
            .all()
            .collectList()
            .block();
    assertThat(perAlbum).extracting(io.r2orm.r2dbc.Row2::v1).startsWith(10L, 11L);
    assertThat(perAlbum.get(0).v2()).isEqualTo(2L);
    // and written
    assertThat(
            db.update(Track.class)
                .set(Track_.ALBUM_ID, 20L)
                .where(Track_.ALBUM_ID.eq(11L))
                .execute()
                .block())
        .isEqualTo(1L);
    assertThat(db.select(Track.class).where(Track_.ALBUM.idEq(20L)).count().block()).isEqualTo(2L);
  }

  /** Recursive walks along a self reference (issue #12: recursive CTEs for an org chart). */
  @Test
  void descendantsAndAncestorsWalkASelfReferenceInOneStatement() {
    java.util.function.Function<reactor.core.publisher.Flux<Employee>, List<Long>> ids =
        f -> f.map(Employee::id).collectList().block();
    long before = counter.count();
    assertThat(ids.apply(db.descendants(Employee_.MANAGER, Employee_.ID.eq(1L))))
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(counter.count() - before).as("statements").isEqualTo(1);
    assertThat(ids.apply(db.descendants(Employee_.MANAGER, Employee_.ID.eq(2L))))
        .containsExactly(2L, 3L, 4L);
    assertThat(ids.apply(db.descendants(Employee_.MANAGER, Employee_.ID.eq(1L), 1)))
        .containsExactly(1L, 2L);
    assertThat(ids.apply(db.ancestors(Employee_.MANAGER, Employee_.ID.eq(3L))))
        .containsExactly(3L, 2L, 1L);
    // inside a transaction (read through a cursor on PostgreSQL)
    assertThat(
            db.transaction(
                    tx ->
                        tx.descendants(Employee_.MANAGER, Employee_.NAME.startsWith("dev")).count())
                .blockLast())
        .isEqualTo(2L);
    // a cycle in the data ends at the depth limit; each row once
    testDatabase().sql("UPDATE employee SET manager_id = 4 WHERE id = 1");
    assertThat(ids.apply(db.descendants(Employee_.MANAGER, Employee_.ID.eq(1L))))
        .containsExactly(1L, 2L, 3L, 4L);
    assertThatThrownBy(() -> db.descendants(Employee_.REPORTS, Employee_.ID.eq(1L)).blockLast())
        .isInstanceOf(QueryBuildException.class)
        .hasMessageContaining("self-referencing @ManyToOne");
  }

  @Test
  void linkingIsIdempotent() {
    Track track = db.insert(Track.of("linked", 9, null)).block();
    StepVerifier.create(db.link(Track_.GENRES, track, List.of(1L, 3L)))
        .expectNext(2L)
        .verifyComplete();
    // a pair linked already is left alone and not counted; a pair named twice is linked once
    StepVerifier.create(db.link(Track_.GENRE_IDS, track, List.of(1L, 2L, 2L, 3L)))
        .expectNext(1L)
        .verifyComplete();
    StepVerifier.create(db.link(Track_.GENRES, track, List.of(1L))).expectNext(0L).verifyComplete();
    assertThat(
            testDatabase()
                .queryOne(
                    "SELECT COUNT(*) FROM track_genre WHERE track_id = " + track.id(), Long.class))
        .isEqualTo(3L);
  }

  @Test
  void updatingAParentDoesNotTouchItsChildren() {
    Artist ada =
        db.select(Artist.class).where(Artist_.ID.eq(1L)).fetch(Artist_.ALBUMS).one().block();
    Artist renamed = new Artist(ada.id(), "Ada L.", List.of(), ada.profile());
    db.update(renamed).block();
    assertThat(
            testDatabase().queryOne("SELECT COUNT(*) FROM album WHERE artist_id = 1", Long.class))
        .isEqualTo(3L);
  }

  @Test
  void fetchPathsAreCheckedAgainstTheQuery() {
    assertThatThrownBy(() -> db.select(Track.class).fetch(Track_.GENRE_IDS.limit(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Artist_.ALBUMS.joined())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only to-one");
    @SuppressWarnings({"unchecked", "rawtypes"})
    SelectQuery<Track> wrong =
        db.select(Track.class).fetch((io.r2orm.core.query.FetchPath) Artist_.ALBUMS);
    StepVerifier.create(wrong.all())
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(QueryBuildException.class)
                    .hasMessageContaining("Artist.albums")
                    .hasMessageContaining("Track"))
        .verify();
  }
}
